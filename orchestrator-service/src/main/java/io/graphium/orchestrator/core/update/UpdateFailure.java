package io.graphium.orchestrator.core.update;

import io.graphium.orchestrator.core.UpdatePolicy;
import io.graphium.orchestrator.core.UpdatePolicy.FailureAction;

/**
 * What a failed update does next, and the one sentence that says why (history, status and the CLI show it).
 *
 * @param action what happens now
 * @param reason one sentence: which container failed, how, and what follows
 */
public record UpdateFailure(Action action, String reason) {

    /** The next step after a failure. */
    public enum Action {
        /** Replace the new revision's containers with the previous revision's. */
        ROLL_BACK,
        /** Replace nothing more; the stack stays as it is until an operator acts. */
        PAUSE,
        /** Go on with the remaining containers. */
        CONTINUE
    }

    /**
     * The decision when {@code container} failed during the update from revision {@code from} to {@code to}. A
     * failure while rolling back never rolls back again: it pauses, so two bad revisions cannot alternate forever.
     *
     * @param rollingBack whether this update is itself the automatic rollback
     * @param cause       what went wrong, e.g. "was not healthy within 300 s (health UNHEALTHY)"
     */
    public static UpdateFailure decide(UpdatePolicy policy, boolean rollingBack, long from, long to,
                                       String container, String cause) {
        String failed = "'" + container + "' of revision " + to + " " + cause;
        if (rollingBack) {
            return new UpdateFailure(Action.PAUSE, "the rollback to revision " + to + " failed: " + failed
                    + "; the stack is paused until an operator acts");
        }
        FailureAction action = policy.failureAction();
        return switch (action) {
            case ROLLBACK -> new UpdateFailure(Action.ROLL_BACK, failed + ": rolling back to revision " + from);
            case PAUSE -> new UpdateFailure(Action.PAUSE, failed + ": the update is paused (failureAction pause)");
            case CONTINUE -> new UpdateFailure(Action.CONTINUE, failed + ": going on with the other containers "
                    + "(failureAction continue)");
        };
    }
}
