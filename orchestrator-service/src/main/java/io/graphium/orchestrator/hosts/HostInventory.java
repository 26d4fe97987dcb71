package io.graphium.orchestrator.hosts;

import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.HostStatusChanged;
import io.graphium.events.RegistrationSource;
import io.graphium.hosts.HostStatusRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The orchestrator's read-only view of the host inventory, fed from every {@code graphium.host.reports.<hostId>}
 * (agents' registrations and heartbeats), {@code graphium.hosts} (manual registrations) and
 * {@code graphium.hosts.admin} (operators' overrides). The placement service keeps its own inventory
 * from the same topics and decides by the same rule; this view is for people (REST, CLI, dashboard).
 *
 * <p>Effective status: {@link HostStatusRule}, the rule the placement service applies too (an operator's override,
 * then OFFLINE for an agent host silent for longer than the TTL, then what the host reported). Here a host was last
 * heard from at its last heartbeat's (or agent registration's) event time. Thread-safe.
 */
public class HostInventory {

    private final Clock clock;
    private final HostStatusRule rule;
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();
    private final Map<String, HostView.Override> overrides = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    private final List<Consumer<HostView>> listeners = new CopyOnWriteArrayList<>();

    /** What is known of one host; replaced whole on every event. */
    private record HostState(HostDescription description, HostStatus reported, RegistrationSource source,
                             Instant registeredAt, Instant lastHeartbeat, HostView.Usage usage,
                             List<HostView.Container> containers, List<String> portsInUse) {
    }

    public HostInventory(Clock clock, Duration ttl) {
        this.clock = clock;
        this.rule = new HostStatusRule(ttl);
    }

    public Duration ttl() {
        return rule.ttl();
    }

    /** {@code listener} sees a host's view each time an event about it was applied (for the event streams). */
    public void onChange(Consumer<HostView> listener) {
        listeners.add(listener);
    }

    private void changed(String hostId) {
        if (!listeners.isEmpty()) {
            get(hostId).ifPresent(view -> listeners.forEach(l -> l.accept(view)));
        }
    }

    public void apply(HostRegistered event) {
        String id = event.getHost().getHostId();
        hosts.compute(id, (key, old) -> {
            boolean agent = event.getSource() == RegistrationSource.AGENT;
            // An agent's registration counts as a sign of life; a manual one carries no live state.
            Instant seen = agent ? latest(old == null ? null : old.lastHeartbeat(), event.getOccurredAt()) : null;
            return new HostState(event.getHost(), event.getStatus(), event.getSource(), event.getOccurredAt(), seen,
                    agent && old != null ? old.usage() : null,
                    agent && old != null ? old.containers() : List.of(),
                    agent && old != null ? old.portsInUse() : List.of());
        });
        changed(id);
        applied(event.getEventId());
    }

    public void apply(HostHeartbeat event) {
        String id = event.getHost().getHostId();
        List<HostView.Container> containers = event.getContainers().stream()
                .map(c -> new HostView.Container(c.getStackId(), c.getDeploymentId(), c.getContainerName(),
                        c.getDockerId(), c.getState().name(), c.getHealth().name())).toList();
        List<String> ports = event.getPortsInUse().stream()
                .sorted(Comparator.comparingInt((io.graphium.events.HostPort p) -> p.getPort())
                        .thenComparing(p -> p.getProtocol().name()))
                .map(p -> p.getPort() + "/" + p.getProtocol().name().toLowerCase()).toList();
        HostView.Usage usage = new HostView.Usage(event.getUsage().getCpuUsedCores(),
                event.getUsage().getMemoryUsedBytes(), event.getUsage().getContainersRunning());
        hosts.compute(id, (key, old) -> {
            Instant seen = latest(old == null ? null : old.lastHeartbeat(), event.getOccurredAt());
            if (old != null && old.lastHeartbeat() != null && event.getOccurredAt().isBefore(old.lastHeartbeat())) {
                return old; // an older report than the one we have
            }
            // A heartbeat means an agent runs there now, whatever registered the host first.
            return new HostState(event.getHost(), event.getStatus(), RegistrationSource.AGENT,
                    old == null ? event.getOccurredAt() : old.registeredAt(), seen, usage, containers, ports);
        });
        changed(id);
        applied(event.getEventId());
    }

    public void apply(HostStatusChanged event) {
        if (HostStatusRule.override(shared(event.getStatus())) == null) {
            overrides.remove(event.getHostId()); // ACTIVE lifts the override: the host's own status counts again
        } else {
            overrides.put(event.getHostId(), new HostView.Override(event.getStatus().name(), event.getReason(),
                    event.getChangedBy(), event.getOccurredAt()));
        }
        changed(event.getHostId());
        applied(event.getEventId());
    }

    /** A tombstone on the hosts topic: the host is gone from the inventory. */
    public void removeHost(String hostId) {
        hosts.remove(hostId);
    }

    /** A tombstone on the admin topic: the override is gone. */
    public void removeOverride(String hostId) {
        overrides.remove(hostId);
    }

    /** Completes when the event with this id has been applied here (for read-your-writes in the API). */
    public CompletableFuture<Void> whenApplied(String eventId) {
        return waiters.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    public void forget(String eventId) {
        waiters.remove(eventId);
    }

    private void applied(String eventId) {
        CompletableFuture<Void> waiter = waiters.remove(eventId);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    public Optional<HostView> get(String hostId) {
        HostState state = hosts.get(hostId);
        return state == null ? Optional.empty() : Optional.of(view(state, clock.instant()));
    }

    /** Every host, by id. */
    public List<HostView> all() {
        Instant now = clock.instant();
        return hosts.values().stream().map(s -> view(s, now)).sorted(Comparator.comparing(HostView::id)).toList();
    }

    /** True when the host is known and was registered by hand (no agent has reported it). */
    public boolean isManual(String hostId) {
        HostState state = hosts.get(hostId);
        return state != null && state.source() == RegistrationSource.MANUAL;
    }

    /** The description the host was last reported with, if known. */
    public Optional<HostDescription> description(String hostId) {
        return Optional.ofNullable(hosts.get(hostId)).map(HostState::description);
    }

    private HostView view(HostState s, Instant now) {
        HostDescription d = s.description();
        HostView.Override override = overrides.get(d.getHostId());
        HostStatusRule.Effective effective = rule.effective(
                override == null ? null : io.graphium.hosts.HostStatus.valueOf(override.status()),
                shared(s.reported()), s.source() == RegistrationSource.AGENT, s.lastHeartbeat(), now);
        String status = effective.status().name();
        String reason = switch (effective.basis()) {
            case OPERATOR -> override.status().toLowerCase() + " set by "
                    + (override.changedBy() == null ? "an operator" : override.changedBy())
                    + (override.reason() == null ? "" : ": " + override.reason());
            case SILENT -> effective.silentFor() == null ? "no heartbeat received yet"
                    : "no heartbeat for " + effective.silentFor().toSeconds() + " s (TTL "
                    + rule.ttl().toMillis() / 1000.0 + " s)";
            case REPORTED -> s.source() == RegistrationSource.AGENT ? "reported by the host's agent"
                    : "registered by hand";
        };
        return new HostView(d.getHostId(), d.getName(), d.getIpAddress(), d.getCpus(), d.getMemoryBytes(),
                d.getDatacenter(), Map.copyOf(d.getLabels()), s.source().name(), status, reason, s.reported().name(),
                override, s.registeredAt(), s.lastHeartbeat(), s.usage(), s.containers(), s.portsInUse(),
                d.getAgentVersion(), d.getDockerVersion());
    }

    private static io.graphium.hosts.HostStatus shared(HostStatus status) {
        return io.graphium.hosts.HostStatus.valueOf(status.name());
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
