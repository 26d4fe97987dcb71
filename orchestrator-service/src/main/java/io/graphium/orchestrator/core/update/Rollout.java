package io.graphium.orchestrator.core.update;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.Dependency;
import io.graphium.orchestrator.core.UpdatePolicy;
import io.graphium.orchestrator.core.UpdatePolicy.Order;
import io.graphium.orchestrator.core.update.ContainerChange.Kind;
import io.graphium.orchestrator.core.update.StackDiff.Revision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order an update replaces containers in: only the containers the diff creates (changed and added), each after
 * the ones it depends on that the update also replaces (unchanged ones are ready already), at most
 * {@code parallelism} at a time, in definition order among equals. Removed containers go last, so the old revision
 * serves until the new one is complete. One rule, {@link #startable}, decides both the live rollout and the plan a
 * user is shown ({@link #batches}), which is the rollout as it goes when every step succeeds.
 *
 * @param replacements what happens to each created container, in definition order
 * @param removed      containers stopped and removed once every replacement is healthy
 * @param parallelism  how many replacements may be in flight at once
 */
public record Rollout(Map<String, Replacement> replacements, List<String> removed, int parallelism) {

    /**
     * How one container is replaced.
     *
     * @param order    the order actually used: start-first only where the old and the new one can run at once
     * @param fromHost where the old one runs; null for an added container
     * @param toHost   where the new one runs
     * @param after    the containers of this rollout it waits for (its dependencies being replaced too)
     * @param note     why the order is not the one asked for; null when it is
     */
    public record Replacement(String container, Kind kind, Order order, String fromHost, String toHost,
                              List<String> after, String note) {
        public Replacement {
            after = List.copyOf(after);
        }
    }

    public Rollout {
        replacements = Collections.unmodifiableMap(new LinkedHashMap<>(replacements));
        removed = List.copyOf(removed);
    }

    /** The rollout of {@code diff}, going from {@code current} to {@code next} under {@code policy}. */
    public static Rollout of(StackDiff diff, Revision current, Revision next, UpdatePolicy policy) {
        Set<String> created = new HashSet<>();
        diff.containers().stream().filter(ContainerChange::createsContainer).forEach(c -> created.add(c.container()));
        Map<String, Replacement> replacements = new LinkedHashMap<>();
        for (ContainerDefinition container : next.definition().containers()) {
            if (!created.contains(container.name())) {
                continue;
            }
            Kind kind = diff.of(container.name()).kind();
            String from = current.hostOf(container.name());
            String to = next.hostOf(container.name());
            Order order = Order.STOP_FIRST;
            String note = null;
            if (kind == Kind.CHANGED && policy.order() == Order.START_FIRST) {
                if (to != null && !to.equals(from)) {
                    order = Order.START_FIRST;
                } else {
                    note = "stop-first: start-first needs the new container on another host than the old one ("
                            + from + "), since one host runs one container per entry and its host ports";
                }
            }
            List<String> after = container.dependsOn().stream().map(Dependency::name).filter(created::contains)
                    .toList();
            replacements.put(container.name(), new Replacement(container.name(), kind, order, from, to, after, note));
        }
        return new Rollout(replacements, diff.named(Kind.REMOVED), policy.parallelism());
    }

    /**
     * The containers to replace now, in definition order: not yet started, every container they wait for
     * {@code done} (replaced and healthy), and no more than {@code parallelism} in flight in all.
     */
    public List<String> startable(Collection<String> done, Collection<String> inFlight) {
        int room = parallelism - (int) inFlight.stream().filter(c -> !done.contains(c)).count();
        List<String> startable = new ArrayList<>();
        for (Replacement replacement : replacements.values()) {
            if (startable.size() >= room) {
                break;
            }
            String name = replacement.container();
            if (!done.contains(name) && !inFlight.contains(name) && done.containsAll(replacement.after())) {
                startable.add(name);
            }
        }
        return startable;
    }

    /** The rollout as it goes when every replacement succeeds: the batches a plan shows, in order. */
    public List<List<String>> batches() {
        List<List<String>> batches = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (done.size() < replacements.size()) {
            List<String> batch = startable(done, Set.of());
            if (batch.isEmpty()) { // a dependency cycle, which validation refuses before a rollout is planned
                throw new IllegalStateException("no container can be replaced after " + done + " of "
                        + replacements.keySet());
            }
            batches.add(batch);
            done.addAll(batch);
        }
        return batches;
    }

    /** Whether every replacement is done: what is left is removing {@link #removed}. */
    public boolean complete(Collection<String> done) {
        return done.containsAll(replacements.keySet());
    }
}
