package io.graphium.orchestrator.api;

import io.graphium.orchestrator.history.HistoryLog;
import io.graphium.orchestrator.history.ResumeToken;
import io.graphium.orchestrator.hosts.HostView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's Server-Sent Events connection: {@code history} events carry the resume token as their id;
 * {@code stack} and {@code host} events carry the same JSON as the REST API.
 * <p>
 * Producers never wait for the client: a listener (the Kafka Streams global thread, the host listener) only puts an
 * event into this client's bounded buffer and returns. One delivery task at a time, on the delivery executor, writes
 * to the client and is the only one that may block (while the client does not read). A client that lets its buffer
 * fill up is dropped: unsubscribed at once, its buffer discarded, one WARN; its connection is completed when the write
 * in progress returns. It resumes with {@code Last-Event-ID}, and the history store serves what it missed: ids are
 * computed when an entry is written, so the last id a client received is exactly where it stands.
 * <p>
 * Snapshots and the history backlog go first, then the buffer, so the client sees the history in order, without gap
 * or duplicate (an entry in both the backlog and the buffer is written once).
 */
final class EventStream {

    /** The client's connection. Only the delivery task calls it, one call at a time; it may block. */
    interface Sink {

        /** An event; {@code id} null for events without one. */
        void event(String name, String id, Object data) throws IOException;

        void keepAlive() throws IOException;

        void complete();
    }

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /** What waits to be written: a history entry (its id is decided when it is written), or a state without id. */
    private sealed interface Pending permits HistoryEntry, State {
    }

    private record HistoryEntry(HistoryLog.Entry entry) implements Pending {
    }

    private record State(String name, Object data) implements Pending {
    }

    private final String stackId;
    private final String name;
    private final int capacity;
    private final BlockingQueue<Pending> buffer;
    private final Executor delivery;
    private final Sink sink;
    private final Clock clock;
    private final Consumer<EventStream> onEnd;
    /** The history subscriber: one instance, so that unsubscribing finds it. */
    private final Consumer<HistoryLog.Entry> historyEntries = this::history;
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean started;
    /** The container ended the request, or a write failed: there is nothing left to complete. */
    private volatile boolean connectionGone;
    private volatile boolean completed;
    private volatile Instant lastEvent;
    // The delivery task's own (handed over by start, and from one task to the next through `delivering`):
    private List<Pending> first = List.of();
    private ResumeToken position;

    /**
     * {@code stackId} null: every stack's events and the hosts' ({@code /api/v1/events}). {@code name} says which
     * stream it is in logs. {@code onEnd} runs once when the stream ends, on the thread that ends it: it must not
     * block.
     */
    EventStream(String stackId, String name, int capacity, Executor delivery, Sink sink, Clock clock,
                Consumer<EventStream> onEnd) {
        this.stackId = stackId;
        this.name = name;
        this.capacity = capacity;
        this.buffer = new LinkedBlockingQueue<>(capacity);
        this.delivery = delivery;
        this.sink = sink;
        this.clock = clock;
        this.onEnd = onEnd;
    }

    String name() {
        return name;
    }

    /** What to subscribe to the history with (and to unsubscribe). */
    Consumer<HistoryLog.Entry> historyEntries() {
        return historyEntries;
    }

    /** Goes live: writes {@code stacks}, {@code hosts}, the subscription's backlog, then whatever arrives. */
    void start(HistoryLog.Subscription subscription, List<StackView> stacks, List<HostView> hosts) {
        if (ended.get()) {
            return;
        }
        List<Pending> initial = new ArrayList<>();
        stacks.forEach(s -> initial.add(new State("stack", s)));
        hosts.forEach(h -> initial.add(new State("host", h)));
        subscription.backlog().forEach(e -> initial.add(new HistoryEntry(e)));
        first = initial;
        position = subscription.position();
        lastEvent = clock.instant();
        started = true;
        schedule();
    }

    // ---- producers: any thread; they queue and return ----

    void history(HistoryLog.Entry entry) {
        if (stackId == null || entry.view().stackId().equals(stackId)) {
            offer(new HistoryEntry(entry));
        }
    }

    void stack(StackView stack) {
        if (stackId == null || stack.stackId().equals(stackId)) {
            offer(new State("stack", stack));
        }
    }

    void host(HostView host) {
        if (stackId == null) {
            offer(new State("host", host));
        }
    }

    /** Asks for a keep-alive comment; pending ones count once and take no room in the buffer. */
    void heartbeat() {
        if (started && !ended.get()) {
            heartbeatDue.set(true);
            schedule();
        }
    }

    /** Ends the stream if nothing but heartbeats was handed to it for {@code timeout}; true if this ended it. */
    boolean endIfIdle(Duration timeout) {
        Instant last = lastEvent;
        if (!started || last == null || clock.instant().isBefore(last.plus(timeout))) {
            return false;
        }
        if (end()) {
            log.info("completed event stream {}: nothing but heartbeats for {} (graphium.sse.idle-timeout)", name,
                    timeout);
            return true;
        }
        return false;
    }

    /** Ends the stream: unsubscribed now, the connection completed after the write in progress. */
    void close() {
        end();
    }

    /** The container ended the request (the client left, or an error): ends the stream, nothing to complete. */
    void connectionEnded() {
        connectionGone = true;
        end();
    }

    boolean isEnded() {
        return ended.get();
    }

    private void offer(Pending event) {
        if (ended.get()) {
            return;
        }
        lastEvent = clock.instant();
        if (buffer.offer(event)) {
            schedule();
        } else if (end()) {
            log.warn("dropped event stream {}: client did not read: {} events buffered (graphium.sse.buffer-events);"
                    + " it can resume with Last-Event-ID", name, capacity);
        }
    }

    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        buffer.clear();
        onEnd.accept(this);
        schedule(); // the delivery task completes the connection once its write in progress returns
        return true;
    }

    private void schedule() {
        if ((started || ended.get()) && delivering.compareAndSet(false, true)) {
            try {
                delivery.execute(this::deliver);
            } catch (RejectedExecutionException e) { // shutting down: the container closes the connections
                delivering.set(false);
            }
        }
    }

    // ---- the delivery task: one at a time; the only code that writes to the client ----

    private void deliver() {
        try {
            while (!ended.get()) {
                if (!first.isEmpty()) {
                    List<Pending> initial = first;
                    first = List.of();
                    for (Pending event : initial) {
                        if (ended.get()) {
                            break;
                        }
                        write(event);
                    }
                    continue;
                }
                Pending next = buffer.poll();
                if (next != null) {
                    write(next);
                } else if (heartbeatDue.getAndSet(false)) {
                    sink.keepAlive();
                } else {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) { // the client went away (Spring wraps some failures)
            log.debug("event stream {} failed: {}", name, e.toString());
            connectionGone = true;
            end();
        }
        if (ended.get()) {
            finish();
        }
        delivering.set(false);
        // Something may have arrived after the last poll and found the task still running.
        if (ended.get() ? !completed : !buffer.isEmpty() || heartbeatDue.get()) {
            schedule();
        }
    }

    private void write(Pending event) throws IOException {
        if (event instanceof HistoryEntry history) {
            HistoryLog.Entry entry = history.entry();
            if (!position.isBefore(entry.partition(), entry.offset())) {
                return; // already written from the backlog
            }
            position = position.after(entry.partition(), entry.offset());
            sink.event("history", position.toString(), entry.view());
        } else if (event instanceof State state) {
            sink.event(state.name(), null, state.data());
        }
    }

    private void finish() {
        if (completed) {
            return;
        }
        completed = true;
        buffer.clear();
        if (!connectionGone) {
            try {
                sink.complete();
            } catch (RuntimeException e) {
                log.debug("event stream {} could not be completed: {}", name, e.toString());
            }
        }
    }
}
