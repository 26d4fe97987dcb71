package io.graphium.agent.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Carries out container commands on the host's runtime and reports every transition. Idempotent: the runtime's
 * labelled containers are the truth, so a redelivered command finds its work done and reports the current state
 * instead of doing it twice. A deploy that fails leaves nothing behind.
 *
 * <p>A runtime that does not answer ({@link ContainerRuntimeException.Kind#UNAVAILABLE}) is not a verdict on the
 * command: that exception propagates so that the command is retried, not reported as FAILED.
 *
 * <p>Work on one stack slot is serialized ({@link SlotLocks}) with reconciliation and Docker events.
 */
public final class ContainerLifecycle {

    private final ContainerRuntime runtime;
    private final StatusReporter reporter;
    private final StopRequests stops;
    private final SlotLocks locks;
    private final String hostId;
    private final Duration pullTimeout;

    public ContainerLifecycle(ContainerRuntime runtime, StatusReporter reporter, StopRequests stops, SlotLocks locks,
                              String hostId, Duration pullTimeout) {
        this.runtime = runtime;
        this.reporter = reporter;
        this.stops = stops;
        this.locks = locks;
        this.hostId = hostId;
        this.pullTimeout = pullTimeout;
    }

    /** Makes the requested container run: adopt it, find it already running, or (re)create it. */
    public void deploy(ContainerRequest request) {
        locks.inSlot(request.ref().stackId(), request.ref().containerName(), () -> deployInSlot(request));
    }

    private void deployInSlot(ContainerRequest request) {
        ContainerRef ref = request.ref();
        DeployPlan plan = DeployPlan.decide(ref, runtime.findSlot(ref.stackId(), ref.containerName()));
        for (ManagedContainer old : plan.obsolete()) {
            try {
                runtime.remove(old.dockerId(), false);
            } catch (ContainerRuntimeException e) {
                rethrowIfUnavailable(e);
                report(request.commandId(), ref, ContainerStatus.FAILED, null, ref.describe() + " was not deployed on"
                        + " host " + hostId + ": the container " + old.dockerName() + " it replaces could not be removed: "
                        + Diagnosis.clean(e.getMessage()));
                return;
            }
            stops.cleared(old.dockerId());
            report(request.commandId(), old.ref(), ContainerStatus.REMOVED, old.dockerId(),
                    old.ref().deploymentId().equals(ref.deploymentId())
                            ? "removed a duplicate or dead container of the same deployment"
                            : "replaced by deployment " + ref.deploymentId());
        }
        switch (plan.action()) {
            case ALREADY_RUNNING -> reporter.report(new StatusChange(request.commandId(), ref,
                    ContainerStatus.RUNNING, plan.target().health(), plan.target().dockerId(), null,
                    "already running"));
            case ADOPT -> startAndVerify(request.commandId(), ref, plan.target().dockerId(), true);
            case CREATE -> createAndStart(request);
        }
    }

    /**
     * Refuses a command a newer one for the same container superseded ({@link SupersededCommands}): nothing is
     * done; the container's current state is reported under the stale command's id, with why. Not FAILED: the
     * container is as its newer command left it, and a status must never claim otherwise.
     */
    public void refuseSuperseded(String commandId, ContainerRef ref, String newerCommandId) {
        locks.inSlot(ref.stackId(), ref.containerName(), () -> {
            String message = "superseded by " + newerCommandId;
            Optional<ManagedContainer> current = mine(ref).stream()
                    .min(Comparator.comparing(ManagedContainer::dockerId));
            if (current.isEmpty()) {
                report(commandId, ref, ContainerStatus.REMOVED, null, message + "; there is no " + ref.describe()
                        + " on host " + hostId);
                return;
            }
            ManagedContainer container = current.get();
            reporter.report(new StatusChange(commandId, ref, container.status(), container.health(),
                    container.dockerId(), container.exitCode(), message));
        });
    }

    /** Reports a deploy that cannot be carried out at all (e.g. a secret that cannot be opened). */
    public void reject(String commandId, ContainerRef ref, String reason) {
        report(commandId, ref, ContainerStatus.FAILED, null, reason);
    }

    public void start(String commandId, ContainerRef ref) {
        locks.inSlot(ref.stackId(), ref.containerName(), () -> startInSlot(commandId, ref));
    }

    private void startInSlot(String commandId, ContainerRef ref) {
        Optional<ManagedContainer> container = mine(ref).stream()
                .min(Comparator.comparing(ManagedContainer::dockerId));
        if (container.isEmpty()) {
            report(commandId, ref, ContainerStatus.FAILED, null, Diagnosis.notFound(ref, hostId));
            return;
        }
        startAndVerify(commandId, ref, container.get().dockerId(), false);
    }

    public void stop(String commandId, ContainerRef ref, Duration grace) {
        locks.inSlot(ref.stackId(), ref.containerName(), () -> stopInSlot(commandId, ref, grace));
    }

    private void stopInSlot(String commandId, ContainerRef ref, Duration grace) {
        List<ManagedContainer> containers = mine(ref);
        if (containers.isEmpty()) {
            report(commandId, ref, ContainerStatus.FAILED, null, Diagnosis.notFound(ref, hostId));
            return;
        }
        for (ManagedContainer container : containers) {
            String id = container.dockerId();
            try {
                runtime.stop(id, grace);
            } catch (ContainerRuntimeException e) {
                rethrowIfUnavailable(e);
                report(commandId, ref, ContainerStatus.FAILED, id, ref.describe() + " could not be stopped on host "
                        + hostId + ": " + Diagnosis.clean(e.getMessage()));
                continue;
            }
            stops.stopped(id);
            Integer exitCode = runtime.inspect(id).map(ContainerInspection::exitCode).orElse(null);
            reporter.report(new StatusChange(commandId, ref, ContainerStatus.STOPPED, Health.NONE, id, exitCode,
                    null));
        }
    }

    public void remove(String commandId, ContainerRef ref, boolean removeVolumes) {
        locks.inSlot(ref.stackId(), ref.containerName(), () -> removeInSlot(commandId, ref, removeVolumes));
    }

    private void removeInSlot(String commandId, ContainerRef ref, boolean removeVolumes) {
        List<ManagedContainer> containers = mine(ref);
        if (containers.isEmpty()) {
            report(commandId, ref, ContainerStatus.REMOVED, null, "nothing to remove on host " + hostId);
            return;
        }
        for (ManagedContainer container : containers) {
            try {
                runtime.remove(container.dockerId(), removeVolumes);
            } catch (ContainerRuntimeException e) {
                rethrowIfUnavailable(e);
                report(commandId, ref, ContainerStatus.FAILED, container.dockerId(), ref.describe()
                        + " could not be removed from host " + hostId + ": " + Diagnosis.clean(e.getMessage()));
                continue;
            }
            stops.cleared(container.dockerId());
            report(commandId, ref, ContainerStatus.REMOVED, container.dockerId(), removeVolumes
                    ? removeUnusedStackVolumes(ref.stackId()) : null);
        }
    }

    /**
     * Removes the named volumes the agent created for the stack that no container uses any more (a volume shared
     * with another container of the stack stays until that one goes too); says which, or null for none.
     */
    private String removeUnusedStackVolumes(String stackId) {
        List<String> removed = new java.util.ArrayList<>();
        for (String volume : runtime.volumes(OwnershipLabels.stackVolumeFilter(stackId))) {
            try {
                runtime.removeVolume(volume);
                removed.add(volume);
            } catch (ContainerRuntimeException e) {
                rethrowIfUnavailable(e);
                // in use by another container of the stack: it goes with the last one
            }
        }
        return removed.isEmpty() ? null : "removed the stack's volumes " + String.join(", ", removed);
    }

    private void createAndStart(ContainerRequest request) {
        ContainerRef ref = request.ref();
        String commandId = request.commandId();
        try {
            if (!runtime.hasImage(request.image())) {
                report(commandId, ref, ContainerStatus.PULLING, null, "pulling image " + request.image());
                runtime.pullImage(request.image(), pullTimeout, new PullProgress(request.image(),
                        line -> report(commandId, ref, ContainerStatus.PULLING, null, line), Clock.systemUTC()));
            }
        } catch (ContainerRuntimeException e) {
            rethrowIfUnavailable(e);
            report(commandId, ref, ContainerStatus.FAILED, null,
                    Diagnosis.imageUnavailable(request.image(), hostId, e.getMessage()));
            return;
        }
        String dockerId;
        try {
            for (Mount mount : request.mounts()) {
                if (mount.type() == Mount.Type.VOLUME) {
                    runtime.createVolume(mount.source(), OwnershipLabels.ofVolume(ref.stackId(), hostId));
                }
            }
            dockerId = runtime.create(request, request.allLabels(hostId));
        } catch (ContainerRuntimeException e) {
            rethrowIfUnavailable(e);
            report(commandId, ref, ContainerStatus.FAILED, null,
                    e.kind() == ContainerRuntimeException.Kind.CONFLICT
                            ? Diagnosis.nameTaken(ref, request.dockerName(), hostId)
                            : Diagnosis.createFailed(ref, hostId, e.getMessage()));
            return;
        }
        report(commandId, ref, ContainerStatus.CREATED, dockerId, null);
        startAndVerify(commandId, ref, dockerId, true);
    }

    /** Starts the container and checks that it runs; a failed deploy ({@code rollback}) removes the container. */
    private void startAndVerify(String commandId, ContainerRef ref, String dockerId, boolean rollback) {
        String failure;
        Integer exitCode = null;
        try {
            runtime.start(dockerId);
            Optional<ContainerInspection> state = runtime.inspect(dockerId);
            if (state.isPresent() && state.get().running()) {
                stops.cleared(dockerId);
                reporter.report(new StatusChange(commandId, ref, ContainerStatus.RUNNING, state.get().health(),
                        dockerId, null, null));
                return;
            }
            failure = state.map(s -> Diagnosis.notRunning(ref, hostId, s,
                            runtime.lastLogLines(dockerId, Diagnosis.LOG_LINES)))
                    .orElse(ref.describe() + " disappeared from host " + hostId + " right after it was started");
            exitCode = state.map(ContainerInspection::exitCode).orElse(null);
        } catch (ContainerRuntimeException e) {
            rethrowIfUnavailable(e);
            failure = Diagnosis.startFailed(ref, hostId, e.getMessage());
        }
        if (rollback) {
            failure += removeAfterFailure(dockerId);
        }
        reporter.report(new StatusChange(commandId, ref, ContainerStatus.FAILED, Health.NONE, dockerId, exitCode,
                failure));
    }

    private String removeAfterFailure(String dockerId) {
        try {
            runtime.remove(dockerId, true);
            stops.cleared(dockerId);
            return "; the container was removed";
        } catch (ContainerRuntimeException e) {
            return "; removing the container failed too: " + Diagnosis.clean(e.getMessage());
        }
    }

    /** The containers of exactly this deployment of the slot. */
    private List<ManagedContainer> mine(ContainerRef ref) {
        return runtime.findSlot(ref.stackId(), ref.containerName()).stream()
                .filter(c -> c.ref().equals(ref)).toList();
    }

    private void report(String commandId, ContainerRef ref, ContainerStatus status, String dockerId, String message) {
        reporter.report(StatusChange.of(commandId, ref, status, dockerId, message));
    }

    private static void rethrowIfUnavailable(ContainerRuntimeException e) {
        if (e.unavailable()) {
            throw e;
        }
    }
}
