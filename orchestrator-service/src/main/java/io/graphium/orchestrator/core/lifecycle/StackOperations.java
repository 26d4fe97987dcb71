package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.ContainerCommand.Action;
import io.graphium.orchestrator.core.lifecycle.HistoryEntry.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stop, start and remove a deployed stack, as pure functions like {@link StackLifecycle}. Each applied stack command
 * is remembered in the state ({@link StackDeployment#recentCommandIds()}), so a redelivered one changes nothing.
 *
 * <pre>
 * RUNNING/DEGRADED/DEPLOYING --stop--> STOPPING --every container stopped (or failed to)--> STOPPED
 * STOPPED --start--> DEPLOYING (dependency waves again) --> RUNNING
 * any but REMOVING/REMOVED --remove--> REMOVING --every container removed (or failed to)--> REMOVED
 * </pre>
 * Stopping and removing go on past individual failures: each is recorded, and the final status says which.
 */
public final class StackOperations {

    /** How long agents have to confirm a stop or a removal before the stack settles without them. */
    public static final Duration OPERATION_DEADLINE = Duration.ofMinutes(2);
    /** Grace period the agents give a container before killing it. */
    public static final int STOP_TIMEOUT_SECONDS = 10;

    private static final Set<ContainerState> STOPPED_STATES = EnumSet.of(ContainerState.STOPPED,
            ContainerState.EXITED, ContainerState.REMOVED, ContainerState.FAILED);

    private StackOperations() {
    }

    public static Transition stopRequested(StackDeployment current, StackDefinition definition, String commandId,
                                           Instant at) {
        Transition refused = refusal(current, commandId, "stop",
                current == null || current.status().allowsStop());
        if (refused != null) {
            return refused;
        }
        Map<String, ContainerDefinition> resolved = StackLifecycle.resolved(definition, current);
        List<ContainerCommand> stops = new ArrayList<>();
        StackDeployment stack = current;
        for (ContainerDefinition container : definition.containers()) {
            ContainerStatus status = current.containers().get(container.name());
            if (ContainerReadiness.commanded(definition, current, container.name())) {
                if (!STOPPED_STATES.contains(status.state())) {
                    stops.add(StackLifecycle.command(Action.STOP, current, resolved.get(container.name()),
                            current.deploymentId() + ":" + container.name() + ":stop:" + commandId, commandId,
                            false));
                }
            } else { // never created: there is nothing to stop, and a start will deploy it
                stack = stack.withContainer(new ContainerStatus(container.name(), status.hostId(),
                        ContainerState.STOPPED, Health.NONE, null, null, "never started", at));
            }
        }
        List<HistoryEntry> history = new ArrayList<>(List.of(HistoryEntry.of(Kind.STOP_REQUESTED,
                "stop requested: stopping " + stops.size() + " container(s)")));
        stops.forEach(s -> history.add(HistoryEntry.commanded(s)));
        StackDeployment next = stack.applied(commandId).withDeadline(at.plus(OPERATION_DEADLINE))
                .completed(null, null);
        return Transition.to(current, stops.isEmpty() ? next.completed(at, null).next(StackStatus.STOPPED, commandId)
                : next.next(StackStatus.STOPPING, commandId), stops, history);
    }

    public static Transition startRequested(StackDeployment current, StackDefinition definition, String commandId,
                                            Duration deadline, Instant at) {
        Transition refused = refusal(current, commandId, "start",
                current == null || current.status().allowsStart());
        if (refused != null) {
            return refused;
        }
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        current.containers().forEach((name, c) -> containers.put(name, new ContainerStatus(name, c.hostId(),
                ContainerState.PENDING, Health.NONE, c.dockerId(), null, "waiting to start", at)));
        StackDeployment starting = current.withContainers(containers).applied(commandId).started(at)
                .completed(null, null).withDeadline(at.plus(deadline)).next(StackStatus.DEPLOYING, commandId);
        List<ContainerCommand> launches = StackLifecycle.launches(definition, null, starting, commandId);
        List<HistoryEntry> history = new ArrayList<>(List.of(HistoryEntry.of(Kind.START_REQUESTED,
                "start requested: starting containers in dependency order")));
        launches.forEach(l -> history.add(HistoryEntry.commanded(l)));
        return Transition.to(current, starting, launches, history);
    }

    public static Transition removeRequested(StackDeployment current, StackDefinition definition, String commandId,
                                             boolean removeVolumes, Instant at) {
        Transition refused = refusal(current, commandId, "remove",
                current == null || current.status().allowsRemove());
        if (refused != null) {
            return refused;
        }
        List<ContainerCommand> removals = new ArrayList<>();
        StackDeployment stack = current;
        if (definition != null) {
            Map<String, ContainerDefinition> resolved = StackLifecycle.resolved(definition, current);
            for (ContainerDefinition container : definition.containers()) {
                ContainerStatus status = current.containers().get(container.name());
                if (status.hostId() != null && (status.state() != ContainerState.REMOVED || removeVolumes)
                        && (ContainerReadiness.commanded(definition, current, container.name())
                        || status.state() == ContainerState.REMOVED)) {
                    removals.add(StackLifecycle.command(Action.REMOVE, current, resolved.get(container.name()),
                            current.deploymentId() + ":" + container.name() + ":remove:" + commandId, commandId,
                            removeVolumes));
                } else if (status.state() != ContainerState.REMOVED) {
                    stack = stack.withContainer(new ContainerStatus(container.name(), status.hostId(),
                            ContainerState.REMOVED, Health.NONE, null, null, "never started", at));
                }
            }
        }
        List<HistoryEntry> history = new ArrayList<>(List.of(HistoryEntry.of(Kind.REMOVE_REQUESTED,
                "remove requested: removing " + removals.size() + " container(s)"
                        + (removeVolumes ? " and the stack's own named volumes" : ", keeping volumes"))));
        removals.forEach(r -> history.add(HistoryEntry.commanded(r)));
        StackDeployment next = stack.applied(commandId).withDeadline(at.plus(OPERATION_DEADLINE));
        return Transition.to(current, removals.isEmpty()
                ? next.completed(at, current.error()).next(StackStatus.REMOVED, commandId)
                : next.next(StackStatus.REMOVING, commandId), removals, history);
    }

    /** A container report while STOPPING or REMOVING: the stack settles once every container has answered. */
    static Transition settle(StackDeployment current, StackDeployment updated, String eventId,
                             List<HistoryEntry> history) {
        boolean removing = current.status() == StackStatus.REMOVING;
        Set<ContainerState> done = removing ? EnumSet.of(ContainerState.REMOVED, ContainerState.FAILED)
                : STOPPED_STATES;
        if (!updated.containers().values().stream().allMatch(c -> done.contains(c.state()))) {
            return Transition.to(current, updated.next(current.status(), eventId), List.of(), history);
        }
        String failures = updated.containers().values().stream().filter(c -> c.state() == ContainerState.FAILED)
                .map(StackLifecycle::failure).collect(Collectors.joining("; "));
        String error = failures.isEmpty() ? null : "could not " + (removing ? "remove" : "stop") + " every "
                + "container: " + failures;
        return Transition.to(current, updated.completed(updated.containers().values().stream()
                        .map(ContainerStatus::updatedAt).max(Instant::compareTo).orElse(null), error)
                .next(removing ? StackStatus.REMOVED : StackStatus.STOPPED, eventId), List.of(), history);
    }

    /** Agents did not confirm in time: the stack settles anyway, naming the containers that did not answer. */
    static Transition deadlineExpired(StackDeployment current, String eventId, Instant now) {
        boolean removing = current.status() == StackStatus.REMOVING;
        Set<ContainerState> done = removing ? EnumSet.of(ContainerState.REMOVED, ContainerState.FAILED)
                : STOPPED_STATES;
        String missing = current.containers().values().stream().filter(c -> !done.contains(c.state()))
                .map(c -> "'" + c.containerName() + "' on host " + c.hostId()).collect(Collectors.joining(", "));
        String reason = "no confirmation within " + OPERATION_DEADLINE.toMinutes() + " minutes that "
                + (removing ? "these containers were removed: " : "these containers stopped: ") + missing
                + (removing ? " (their agents remove them when they reconcile with the desired state)" : "");
        return Transition.to(current, current.completed(now, reason)
                        .next(removing ? StackStatus.REMOVED : StackStatus.STOPPED, eventId), List.of(),
                List.of(HistoryEntry.of(Kind.DEADLINE_EXPIRED, reason)));
    }

    /** Null when the command can be applied; otherwise the transition that says why not. */
    private static Transition refusal(StackDeployment current, String commandId, String verb,
                                      boolean allowed) {
        if (current == null) {
            return Transition.unchanged("no stack to " + verb);
        }
        if (current.hasApplied(commandId)) {
            return Transition.unchanged(verb + " command " + commandId + " was already applied");
        }
        if (!allowed) {
            return Transition.refused(Kind.COMMAND_REFUSED, "cannot " + verb + " stack '" + current.stackId() + "' while it is "
                    + current.status());
        }
        return null;
    }
}
