package io.graphium.orchestrator.api;

import io.graphium.orchestrator.hosts.HostView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open event streams and what they share: the cap on their number, the executor that writes to the clients,
 * and a timer for heartbeats and idle timeouts. Handing an event to every stream only queues it (see
 * {@link EventStream}), so the callers (Kafka Streams' global thread, the host listener) never wait for a client.
 */
final class EventStreams implements AutoCloseable {

    /** A comment line this often keeps proxies from closing a quiet connection. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private final EventStreamLimits limits;
    private final Clock clock;
    private final List<EventStream> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicBoolean refusing = new AtomicBoolean();
    /*
     * At most one task per stream, blocked only in its own client's write: threads follow the open streams (capped),
     * plus dropped ones whose last write has not returned yet (the container's write timeout bounds that).
     */
    private final ExecutorService delivery = Executors.newCachedThreadPool(daemon("sse-delivery-"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("sse-timer-"));

    EventStreams(EventStreamLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        timer.scheduleWithFixedDelay(() -> open.forEach(EventStream::heartbeat), HEARTBEAT.toMillis(),
                HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        // Checked a few times per timeout, so a stream ends at most a quarter late (and at least every heartbeat).
        long idleCheck = Math.max(50, Math.min(HEARTBEAT.toMillis(), limits.idleTimeout().toMillis() / 4));
        timer.scheduleWithFixedDelay(() -> open.forEach(s -> s.endIfIdle(limits.idleTimeout())), idleCheck,
                idleCheck, TimeUnit.MILLISECONDS);
    }

    EventStreamLimits limits() {
        return limits;
    }

    /**
     * A new stream, or null when {@code maxStreams} are open. {@code description} names it in logs (a number is put
     * before it); {@code onEnd} runs once when it ends, on the thread that ends it, and must not block.
     */
    EventStream open(String stackId, String description, EventStream.Sink sink, Consumer<EventStream> onEnd) {
        synchronized (open) {
            if (open.size() >= limits.maxStreams()) {
                if (refusing.compareAndSet(false, true)) {
                    log.warn("refusing new event streams (503): {} are open (graphium.sse.max-streams)", open.size());
                }
                return null;
            }
            EventStream stream = new EventStream(stackId, "#" + opened.incrementAndGet() + " " + description,
                    limits.bufferEvents(), delivery, sink, clock, ended -> {
                        open.remove(ended);
                        refusing.set(false);
                        onEnd.accept(ended);
                    });
            open.add(stream);
            return stream;
        }
    }

    /** How many streams are open. */
    int count() {
        return open.size();
    }

    void stack(StackView stack) {
        open.forEach(s -> s.stack(stack));
    }

    void host(HostView host) {
        open.forEach(s -> s.host(host));
    }

    /** Ends every stream and stops the timer; the delivery tasks still complete their connections. */
    @Override
    public void close() {
        timer.shutdownNow();
        open.forEach(EventStream::close);
        delivery.shutdown();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
