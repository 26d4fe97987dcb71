package io.graphium.kafka;

/**
 * Recognizes a failure that passes by itself (e.g. a local Docker daemon that is restarting): a record that fails
 * this way is not poison, so it is retried with growing pauses for as long as it takes instead of being
 * dead-lettered. A service declares one as a bean; every listener of the service then honours it.
 */
@FunctionalInterface
public interface TransientFailure {

    /** True when {@code failure} (anywhere in its cause chain, as the implementation decides) is transient. */
    boolean matches(Throwable failure);
}
