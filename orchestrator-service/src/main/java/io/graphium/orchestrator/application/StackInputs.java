package io.graphium.orchestrator.application;

import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.application.StackInput.ContainerReported;
import io.graphium.orchestrator.application.StackInput.DeadlinePassed;
import io.graphium.orchestrator.application.StackInput.Deploy;
import io.graphium.orchestrator.application.StackInput.PlacementDecided;
import io.graphium.orchestrator.application.StackInput.PlacementFailed;
import io.graphium.orchestrator.application.StackInput.Remove;
import io.graphium.orchestrator.application.StackInput.Requester;
import io.graphium.orchestrator.application.StackInput.Start;
import io.graphium.orchestrator.application.StackInput.StackCommand;
import io.graphium.orchestrator.application.StackInput.Stop;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackValidator;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle;
import io.graphium.orchestrator.core.lifecycle.StackOperations;
import io.graphium.orchestrator.core.lifecycle.StackStatus;
import io.graphium.orchestrator.core.lifecycle.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies one input to one stack's state: the application rules around the pure core (validation and admission of
 * every deploy, whoever produced it; inputs for unknown stacks; which definition a transition keeps). The Kafka
 * Streams processor decodes an input, calls {@link #apply}, and makes the {@link Outcome} durable in one
 * transaction; it decides nothing itself.
 */
public final class StackInputs {

    private final StackAdmission admission;

    public StackInputs(StackAdmission admission) {
        this.admission = admission;
    }

    /**
     * What one input did to a stack.
     *
     * @param transition         the core's transition (commands, history, next deployment or unchanged)
     * @param next               the stack's state afterwards; {@code null} when unchanged
     * @param acceptedDefinition true when the transition accepted a new definition (to be stored with the state)
     * @param requester          who sent the stack command behind it, if it was one
     */
    public record Outcome(String inputId, Transition transition, StackState next, boolean acceptedDefinition,
                          Requester requester) {

        public boolean changed() {
            return next != null;
        }

        /** The stack is gone: nothing of it stays in the state (its history stays on the audit trail). */
        public boolean removed() {
            return next != null && next.deployment().status() == StackStatus.REMOVED;
        }
    }

    /** Applies {@code input} to {@code current} (null: the stack is unknown) at {@code now}. */
    public Outcome apply(StackState current, StackInput input, Instant now) {
        Requester requester = input instanceof StackCommand command ? command.requester() : null;
        if (input instanceof Deploy deploy) {
            return deploy(current, deploy);
        }
        if (input instanceof Stop stop) {
            return existing(current, stop, requester, state -> StackOperations.stopRequested(state.deployment(),
                    state.definition(), stop.inputId(), now));
        }
        if (input instanceof Start start) {
            return existing(current, start, requester, state -> StackOperations.startRequested(state.deployment(),
                    state.definition(), start.inputId(), state.options().deadline(), now));
        }
        if (input instanceof Remove remove) {
            return existing(current, remove, requester, state -> StackOperations.removeRequested(
                    state.deployment(), state.definition(), remove.inputId(), remove.removeVolumes(), now));
        }
        if (input instanceof PlacementDecided decided) {
            return existing(current, decided, null, state -> StackLifecycle.placementDecided(state.deployment(),
                    decided.deploymentId(), decided.inputId(), decided.placements(), state.definition(), now));
        }
        if (input instanceof PlacementFailed failed) {
            return existing(current, failed, null, state -> StackLifecycle.placementFailed(state.deployment(),
                    failed.deploymentId(), failed.inputId(), failed.message(), now));
        }
        if (input instanceof ContainerReported reported) {
            return existing(current, reported, null, state -> StackLifecycle.containerReported(
                    state.deployment(), state.definition(), reported.deploymentId(), reported.inputId(),
                    reported.status()));
        }
        DeadlinePassed deadline = (DeadlinePassed) input;
        return existing(current, deadline, null, state -> StackLifecycle.deadlineExpired(state.deployment(),
                state.definition(), now));
    }

    /** The same validation and admission policy as the REST API, for any producer's deploy command. */
    private Outcome deploy(StackState current, Deploy deploy) {
        List<Problem> problems = new ArrayList<>(StackValidator.validate(deploy.definition()));
        problems.addAll(admission.check(deploy.definition()));
        Transition transition = StackLifecycle.deployRequested(deploy.inputId(), deploy.stackId(),
                deploy.definition(), problems, deploy.options(), deploy.requestedAt(),
                current == null ? null : current.deployment());
        StackState next = transition.changed()
                ? new StackState(transition.next(), deploy.definition(), deploy.options()) : null;
        return new Outcome(deploy.inputId(), transition, next, next != null, deploy.requester());
    }

    /**
     * An input for a stack that must exist. A stack whose definition cannot be read can only have failed (and be
     * removed); anything else for it, or for an unknown stack, changes nothing.
     */
    private static Outcome existing(StackState current, StackInput input, Requester requester,
                                    Function<StackState, Transition> apply) {
        if (current == null || (current.definition() == null
                && current.deployment().status() != StackStatus.FAILED)) {
            return new Outcome(input.inputId(), Transition.unchanged("no stack '" + input.stackId() + "' to apply "
                    + input.inputId() + " to"), null, false, requester);
        }
        Transition transition = apply.apply(current);
        StackState next = transition.changed()
                ? new StackState(transition.next(), current.definition(), current.options()) : null;
        return new Outcome(input.inputId(), transition, next, false, requester);
    }
}
