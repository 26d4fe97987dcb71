package io.graphium.agent.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to do to make the host match its desired state, decided from one look at the managed containers (found
 * by label) and the desired records. Pure: the {@link Reconciler} carries the actions out.
 * <ul>
 *   <li>desired RUNNING, exactly one container of that deployment in its slot and it runs: {@link Adopt};</li>
 *   <li>desired RUNNING otherwise: {@link Deploy} (the deploy path adopts, starts, replaces, removes duplicates);</li>
 *   <li>desired STOPPED: {@link Stop} the container of that deployment if it runs, {@link Remove} the others;</li>
 *   <li>a managed container whose slot is not desired (absent or tombstoned): {@link Remove}.</li>
 * </ul>
 * Only containers this host's agent created (host label = its host id) are judged: a container another agent
 * made (a daemon shared by mistake, a test run next door) is never removed for not being desired here.
 */
public final class Reconciliation {

    public sealed interface Action permits Adopt, Deploy, Stop, Remove {
    }

    public record Adopt(Desired desired, ManagedContainer container) implements Action {
    }

    public record Deploy(Desired desired) implements Action {
    }

    public record Stop(Desired desired, ManagedContainer container) implements Action {
    }

    public record Remove(ManagedContainer container, String reason) implements Action {
    }

    static final String NOT_DESIRED = "no longer desired on this host";
    static final String OTHER_DEPLOYMENT = "another deployment of its slot is desired";
    static final String DUPLICATE = "a duplicate of the desired container";

    private Reconciliation() {
    }

    /** The actions, in a stable order: desired slots by key, then removals of undesired slots by docker id. */
    public static List<Action> decide(List<ManagedContainer> found, List<Desired> desired, String hostId) {
        List<ManagedContainer> observed = found.stream().filter(c -> hostId.equals(c.hostId())).toList();
        Map<String, List<ManagedContainer>> bySlot = observed.stream()
                .collect(Collectors.groupingBy(Reconciliation::slot, LinkedHashMap::new, Collectors.toList()));
        List<Action> actions = new ArrayList<>();
        desired.stream().sorted(Comparator.comparing(Desired::slot)).forEach(wanted ->
                actions.addAll(forSlot(wanted, bySlot.getOrDefault(wanted.slot(), List.of()))));
        Set<String> wantedSlots = desired.stream().map(Desired::slot).collect(Collectors.toSet());
        observed.stream().filter(c -> !wantedSlots.contains(slot(c)))
                .sorted(Comparator.comparing(ManagedContainer::dockerId))
                .forEach(c -> actions.add(new Remove(c, NOT_DESIRED)));
        return actions;
    }

    private static List<Action> forSlot(Desired wanted, List<ManagedContainer> slot) {
        List<ManagedContainer> same = slot.stream().filter(c -> c.ref().equals(wanted.ref()))
                .sorted(Comparator.comparing((ManagedContainer c) -> !c.running())
                        .thenComparing(ManagedContainer::dockerId))
                .toList();
        if (wanted.running()) {
            if (slot.size() == 1 && same.size() == 1 && same.get(0).running()) {
                return List.of(new Adopt(wanted, same.get(0)));
            }
            return List.of(new Deploy(wanted));
        }
        List<Action> actions = new ArrayList<>();
        slot.stream().filter(c -> !c.ref().equals(wanted.ref()))
                .forEach(c -> actions.add(new Remove(c, OTHER_DEPLOYMENT)));
        same.stream().skip(1).forEach(c -> actions.add(new Remove(c, DUPLICATE)));
        if (!same.isEmpty() && same.get(0).running()) {
            actions.add(new Stop(wanted, same.get(0)));
        }
        return actions;
    }

    private static String slot(ManagedContainer container) {
        return container.ref().stackId() + "/" + container.ref().containerName();
    }
}
