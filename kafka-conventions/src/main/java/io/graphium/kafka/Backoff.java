package io.graphium.kafka;

import java.time.Duration;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Graphium's one backoff: growing pauses between attempts at something that passes by itself (a broker, a registry or
 * a Docker daemon coming back). The first pause, then each twice the one before, never longer than {@code longest};
 * with a {@code total}, no pause once those taken add up to it. A retry loop takes {@link #start()}'s {@link Pauses};
 * Spring's listener error handler takes the backoff itself, as a {@link BackOff}.
 *
 * @param total null for pauses without end
 */
public record Backoff(Duration first, Duration longest, Duration total) implements BackOff {

    public Backoff {
        if (first == null || first.isNegative() || longest == null || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 <= first <= longest, not " + first + " and "
                    + longest);
        }
    }

    /** Pauses from {@code first}, doubling up to {@code longest}, without end. */
    public static Backoff doubling(Duration first, Duration longest) {
        return new Backoff(first, longest, null);
    }

    /** The same pauses, none once those taken add up to {@code limit}. */
    public Backoff within(Duration limit) {
        return new Backoff(first, longest, limit);
    }

    @Override
    public Pauses start() {
        return new Pauses();
    }

    /** One run of pauses, for one retry loop; not thread-safe. */
    public final class Pauses implements BackOffExecution {

        private long previous = -1;
        private long taken;

        private Pauses() {
        }

        /** The next pause in milliseconds, or {@link #STOP} once the pauses taken add up to the total. */
        @Override
        public long nextBackOff() {
            if (total != null && taken >= total.toMillis()) {
                return STOP;
            }
            long pause = previous < 0 ? first.toMillis() : Math.min(previous * 2, longest.toMillis());
            previous = pause;
            taken += pause;
            return pause;
        }

        /** After a success: the next pause is the first again. */
        public void reset() {
            previous = -1;
            taken = 0;
        }

        /**
         * Sleeps the next pause (a backoff between attempts, not synchronisation); false when no pause is left or the
         * thread was interrupted, whose flag is then set again.
         */
        public boolean sleep() {
            long pause = nextBackOff();
            return pause != STOP && sleep(pause);
        }

        /** Sleeps {@code pause} milliseconds (one {@link #nextBackOff()} taken already); false when interrupted. */
        public boolean sleep(long pause) {
            try {
                Thread.sleep(pause);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
