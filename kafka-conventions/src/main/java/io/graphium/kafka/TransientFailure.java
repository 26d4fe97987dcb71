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

    /**
     * The broker or the schema registry cannot be reached or answer now (connection refused or reset, timeouts,
     * Kafka's retriable errors): it passes when they are back. Not authorization failures: those need an operator.
     */
    TransientFailure UNREACHABLE = failure -> {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException
                    || t instanceof org.apache.kafka.common.errors.AuthenticationException) {
                return false;
            }
            if (t instanceof java.io.IOException || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    };
}
