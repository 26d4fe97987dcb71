package io.graphium.agent.core;

import java.util.Optional;

/**
 * Turns what Docker says happened to a managed container (started, died, health changed, destroyed) into status
 * reports with no command id, under the container's slot lock so that a command in progress finishes (and reports)
 * first. A die the agent caused (stop, remove, failed deploy) is not reported again.
 */
public final class ContainerWatch {

    private final ContainerRuntime runtime;
    private final ReportedStates reporter;
    private final StopRequests stops;
    private final SlotLocks locks;
    private final HealthProbes probes;
    private final String hostId;

    public ContainerWatch(ContainerRuntime runtime, ReportedStates reporter, StopRequests stops, SlotLocks locks,
                          HealthProbes probes, String hostId) {
        this.runtime = runtime;
        this.reporter = reporter;
        this.stops = stops;
        this.locks = locks;
        this.probes = probes;
        this.hostId = hostId;
    }

    public void on(ObservedEvent event) {
        locks.inSlot(event.ref().stackId(), event.ref().containerName(), () -> handle(event));
    }

    private void handle(ObservedEvent event) {
        String id = event.dockerId();
        if (event.kind() == ObservedEvent.Kind.DESTROYED || event.kind() == ObservedEvent.Kind.DIED) {
            probes.unwatch(id);
        }
        if (event.kind() == ObservedEvent.Kind.DESTROYED) {
            reporter.reportObserved(new StatusChange(null, event.ref(), ContainerStatus.REMOVED, Health.NONE, id,
                    null, "removed from host " + hostId + " outside the agent"));
            return;
        }
        Optional<ContainerInspection> found = runtime.inspect(id);
        if (found.isEmpty()) {
            return; // removed meanwhile: its removal is (or will be) reported
        }
        ContainerInspection state = found.get();
        switch (event.kind()) {
            case STARTED, HEALTH -> {
                if (state.running()) {
                    stops.cleared(id);
                    reporter.reportObserved(new StatusChange(null, event.ref(), ContainerStatus.RUNNING,
                            event.kind() == ObservedEvent.Kind.HEALTH ? event.health() : state.health(), id, null,
                            null));
                    if (event.kind() == ObservedEvent.Kind.STARTED && state.probedCheck() != null) {
                        probes.watch(event.ref(), id, state.probedCheck());
                    }
                }
            }
            case DIED -> {
                if (state.running()) {
                    return; // already restarted (restart policy): its start event follows
                }
                ContainerStatus status = stops.requested(id) ? ContainerStatus.STOPPED : ContainerStatus.EXITED;
                String diagnosis = status == ContainerStatus.STOPPED ? null
                        : Diagnosis.notRunning(event.ref(), hostId, state, runtime.lastLogLines(id, Diagnosis.LOG_LINES));
                reporter.reportObserved(new StatusChange(null, event.ref(), status, Health.NONE, id,
                        state.exitCode(), diagnosis));
            }
            default -> throw new IllegalStateException("unexpected " + event.kind());
        }
    }
}
