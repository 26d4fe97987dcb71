package io.graphium.orchestrator.core.update;

import java.time.Duration;
import java.util.Objects;

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

    /** One container at a time, stop-first, 10 s healthy, 5 min, roll back on failure. */
    public static final UpdatePolicy DEFAULT = new UpdatePolicy(1, Order.STOP_FIRST, Duration.ofSeconds(10),
            Duration.ofMinutes(5), FailureAction.ROLLBACK);

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

    public UpdatePolicy {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(minHealthy, "minHealthy");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(failureAction, "failureAction");
    }
}
