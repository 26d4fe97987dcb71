package io.graphium.agent.core;

import java.time.Duration;
import java.util.List;

/**
 * Brings the host to its desired state: at agent start and whenever the Docker daemon comes back. Runs
 * {@link SlotLocks#exclusively exclusively}: a command that arrives meanwhile waits, and since the orchestrator
 * writes a desired record before it sends the command, whatever the reconciliation reads already includes every
 * command applied before it; nothing is created twice.
 */
public final class Reconciler {

    private final ContainerRuntime runtime;
    private final ContainerLifecycle lifecycle;
    private final ReportedStates reporter;
    private final StopRequests stops;
    private final SlotLocks locks;
    private final DesiredStateSource desiredState;
    private final HealthProbes probes;
    private final String hostId;
    private final Duration stopGrace;

    public Reconciler(ContainerRuntime runtime, ContainerLifecycle lifecycle, ReportedStates reporter,
                      StopRequests stops, SlotLocks locks, DesiredStateSource desiredState, HealthProbes probes,
                      String hostId, Duration stopGrace) {
        this.probes = probes;
        this.runtime = runtime;
        this.lifecycle = lifecycle;
        this.reporter = reporter;
        this.stops = stops;
        this.locks = locks;
        this.desiredState = desiredState;
        this.hostId = hostId;
        this.stopGrace = stopGrace;
    }

    /** Reconciles once; returns what it did. Throws when the desired state or the runtime cannot be read. */
    public List<Reconciliation.Action> reconcile() {
        return locks.exclusively(() -> {
            List<Desired> desired = desiredState.read();
            List<ManagedContainer> observed = runtime.observe().managed();
            rememberDesiredStops(observed, desired);
            List<Reconciliation.Action> actions = Reconciliation.decide(observed, desired, hostId);
            actions.forEach(this::apply);
            return actions;
        });
    }

    private void apply(Reconciliation.Action action) {
        if (action instanceof Reconciliation.Adopt adopt) {
            adopt(adopt.desired().ref(), adopt.container());
        } else if (action instanceof Reconciliation.Deploy deploy) {
            Desired desired = deploy.desired();
            if (desired.request() == null) {
                lifecycle.reject(desired.commandId(), desired.ref(), desired.rejection());
            } else {
                lifecycle.deploy(desired.request());
            }
        } else if (action instanceof Reconciliation.Stop stop) {
            lifecycle.stop(stop.desired().commandId(), stop.desired().ref(), stopGrace);
        } else if (action instanceof Reconciliation.Remove remove) {
            removeUndesired(remove.container(), remove.reason());
        }
    }

    /**
     * An exited container whose desired state is STOPPED was stopped on purpose (before an agent restart, which
     * forgets its stop requests): reported STOPPED, not EXITED.
     */
    private void rememberDesiredStops(List<ManagedContainer> observed, List<Desired> desired) {
        for (Desired wanted : desired) {
            if (!wanted.running()) {
                observed.stream().filter(c -> c.ref().equals(wanted.ref()) && c.status() == ContainerStatus.EXITED)
                        .forEach(c -> stops.stopped(c.dockerId()));
            }
        }
    }

    /** A container found running as desired: said to run, and its HTTP/TCP check probed again. */
    private void adopt(ContainerRef ref, ManagedContainer container) {
        reporter.reportObserved(new StatusChange(null, ref, ContainerStatus.RUNNING, container.health(),
                container.dockerId(), null, "running as desired"));
        runtime.inspect(container.dockerId()).map(ContainerInspection::probedCheck)
                .ifPresent(check -> probes.watch(ref, container.dockerId(), check));
    }

    private void removeUndesired(ManagedContainer container, String reason) {
        ContainerRef ref = container.ref();
        locks.inSlot(ref.stackId(), ref.containerName(), () -> {
            try {
                runtime.remove(container.dockerId(), false);
            } catch (ContainerRuntimeException e) {
                if (e.unavailable()) {
                    throw e;
                }
                reporter.report(new StatusChange(null, ref, ContainerStatus.FAILED, Health.NONE,
                        container.dockerId(), null, ref.describe() + " is " + reason + " but could not be removed"
                        + " from host " + hostId + ": " + Diagnosis.clean(e.getMessage())));
                return;
            }
            stops.cleared(container.dockerId());
            reporter.report(new StatusChange(null, ref, ContainerStatus.REMOVED, Health.NONE, container.dockerId(),
                    null, "removed by reconciliation: " + reason));
        });
    }
}
