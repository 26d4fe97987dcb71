package io.graphium.orchestrator.core;

import java.time.Duration;

/**
 * How an update is rolled out (the definition's {@code deployment.update} block; Swarm's {@code update_config},
 * Nomad's {@code update}).
 *
 * @param parallelism   how many containers are replaced at a time, at least 1
 * @param order         stop the old container before starting the new one, or the other way round where possible
 * @param minHealthy    a new container without a health check counts as healthy after running this long
 * @param deadline      the whole update fails unless every new container is healthy by then
 * @param failureAction what a failed update does: go back to the previous revision, stop where it is, or go on
 */
public record UpdatePolicy(int parallelism, Order order, Duration minHealthy, Duration deadline,
                           FailureAction failureAction) {

    private static final Order DEFAULT_ORDER = Order.STOP_FIRST;
    private static final Duration DEFAULT_MIN_HEALTHY = Duration.ofSeconds(10);
    private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

    /** One container at a time, stop-first, 10 s healthy, 5 min, roll back on failure. */
    public static final UpdatePolicy DEFAULT = new UpdatePolicy(1, null, null, null, null);

    /** Which of the old and the new container runs first. */
    public enum Order {
        /** The old one stops, then the new one starts: a gap, but no two of one entry at once. */
        STOP_FIRST,
        /** The new one starts and is healthy before the old one stops: no gap, where both can run at once. */
        START_FIRST
    }

    /** What happens when a new container is not healthy by the deadline, or fails. */
    public enum FailureAction {
        /** Go back to the previous revision automatically. */
        ROLLBACK,
        /** Stop replacing; what was replaced stays, the rest keeps the old revision; an operator decides. */
        PAUSE,
        /** Go on with the next containers; the stack ends DEGRADED if any failed. */
        CONTINUE
    }

    /** Missing values take the defaults; limits are {@code DeploymentRules}'s to check, with the field's path. */
    public UpdatePolicy {
        order = order == null ? DEFAULT_ORDER : order;
        minHealthy = minHealthy == null ? DEFAULT_MIN_HEALTHY : minHealthy;
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
        failureAction = failureAction == null ? FailureAction.ROLLBACK : failureAction;
    }
}
