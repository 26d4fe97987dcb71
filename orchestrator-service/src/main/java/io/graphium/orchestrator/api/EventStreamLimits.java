package io.graphium.orchestrator.api;

import java.time.Duration;

/**
 * {@code graphium.sse.*}: what one orchestrator spends on Server-Sent Events. {@code maxStreams}: streams open at
 * once, beyond which a new one is answered 503; {@code idleTimeout}: a stream that has had nothing but heartbeats
 * for that long is completed; {@code bufferEvents}: events waiting for one client, beyond which that client is
 * dropped (it resumes with {@code Last-Event-ID}).
 */
record EventStreamLimits(int maxStreams, Duration idleTimeout, int bufferEvents) {

    EventStreamLimits {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("graphium.sse.max-streams must be at least 1, not " + maxStreams);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("graphium.sse.idle-timeout must be positive, not " + idleTimeout);
        }
        if (bufferEvents < 1) {
            throw new IllegalArgumentException("graphium.sse.buffer-events must be at least 1, not " + bufferEvents);
        }
    }
}
