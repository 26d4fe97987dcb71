package io.graphium.kafka;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishing on a request's behalf (the orchestrator's API), with the failures a caller can act on told apart: an
 * event too large for Kafka ({@link TooLarge}, answered 413) and a broker or schema registry that cannot be reached
 * in time or refuses the orchestrator's credentials ({@link Unavailable}, answered 503 with Retry-After). Anything
 * else is a bug and propagates as it is.
 */
public final class Publishing {

    /** What a client should wait before retrying when the broker or registry is down. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private Publishing() {
    }

    /** Sends, and waits at most {@code deadline} for the broker's acknowledgement. */
    public static void await(Supplier<? extends CompletableFuture<?>> send, Duration deadline)
            throws InterruptedException {
        try {
            send.get().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw classify(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable("Kafka did not acknowledge the event within " + deadline.toSeconds() + " s", e);
        } catch (RuntimeException e) { // thrown by send itself, e.g. a serializer that cannot reach the registry
            throw classify(e);
        }
    }

    private static RuntimeException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return new TooLarge("the event is too large for Kafka: " + t.getMessage(), failure);
            }
            if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
                // The orchestrator's own Kafka credentials or ACLs are wrong: not the caller's fault, and an
                // operator can fix it (graphium acl apply), so the caller may retry later.
                return new Unavailable("the orchestrator may not publish to Kafka: " + t.getMessage()
                        + " (check its principal's ACLs: graphium acl print)", failure);
            }
            if (t instanceof RetriableException || t instanceof TimeoutException || t instanceof ConnectException
                    || t instanceof java.net.http.HttpConnectTimeoutException
                    || t instanceof java.net.UnknownHostException) {
                return new Unavailable(t.getMessage(), failure);
            }
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** The event is larger than the broker or producer accepts. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The broker or schema registry cannot be reached now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
