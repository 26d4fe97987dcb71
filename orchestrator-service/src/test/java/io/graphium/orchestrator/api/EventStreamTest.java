package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.graphium.orchestrator.history.HistoryLog;
import io.graphium.orchestrator.history.HistoryView;
import io.graphium.orchestrator.history.ResumeToken;
import io.graphium.orchestrator.hosts.HostView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * One client's stream without Spring or a broker: the order and ids it writes, and that a client that does not read
 * costs the producers nothing (a bounded buffer, then dropped with one WARN), heartbeats included; idle streams end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a producer that blocked would hang the test: fail it instead
class EventStreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int CAPACITY = 4;

    private final ExecutorService delivery = Executors.newCachedThreadPool();
    private final ClientSink client = new ClientSink();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicInteger ends = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(EventStream.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(EventStream.class)).detachAppender(logged);
        client.read();
        delivery.shutdownNow();
    }

    /** A stream with room for {@link #CAPACITY} events. */
    private EventStream stream(String stackId) {
        return stream(stackId, CAPACITY, delivery);
    }

    private EventStream stream(String stackId, int capacity, Executor executor) {
        return new EventStream(stackId, "#1 /api/v1/events from 127.0.0.1:4711", capacity, executor, client, clock,
                ended -> ends.incrementAndGet());
    }

    @Test
    void writesSnapshotsThenTheBacklogThenLiveEventsWithTheResumeTokenAsId() {
        EventStream stream = stream(null, 64, delivery);
        stream.history(entry(2, "shop")); // arrives while the backlog is being read: waits for it

        stream.start(new HistoryLog.Subscription(List.of(entry(0, "shop"), entry(1, "shop")), ResumeToken.start()),
                List.of(stack("shop", "DEPLOYING")), List.of(host("h1")));
        stream.history(entry(1, "shop")); // in the backlog already
        stream.history(entry(3, "shop"));
        stream.stack(stack("shop", "RUNNING"));
        stream.host(host("h2"));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.written).containsExactly(
                "stack shop DEPLOYING", "host h1", "history 0:0 e0", "history 0:1 e1", "history 0:2 e2",
                "history 0:3 e3", "stack shop RUNNING", "host h2"));
        assertThat(stream.isEnded()).isFalse();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aStackStreamCarriesThatStackOnly() {
        EventStream stream = stream("shop", 64, delivery);
        stream.start(new HistoryLog.Subscription(List.of(), ResumeToken.parse("0:4")), List.of(), List.of());
        stream.history(entry(5, "other"));
        stream.stack(stack("other", "RUNNING"));
        stream.host(host("h1"));
        stream.history(entry(6, "shop"));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.written).containsExactly(
                "history 0:6 e6"));
    }

    @Test
    void aClientThatDoesNotReadIsDroppedOnceItsBufferIsFullAndNothingWaitsForIt() {
        EventStream stream = stream(null);
        stream.start(new HistoryLog.Subscription(List.of(), ResumeToken.start()), List.of(), List.of());
        client.stopReading();
        stream.history(entry(0, "shop"));
        await().atMost(DEADLINE).until(() -> client.blockedWrites.get() == 1);

        for (int i = 1; i <= CAPACITY; i++) {
            stream.history(entry(i, "shop")); // queued: each call returns at once (a blocked one fails by timeout)
        }
        assertThat(stream.isEnded()).isFalse();
        stream.history(entry(CAPACITY + 1, "shop"));
        stream.stack(stack("shop", "RUNNING"));

        assertThat(stream.isEnded()).as("dropped by the producer's call, not after the write").isTrue();
        assertThat(ends).as("unsubscribed once").hasValue(1);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("#1 /api/v1/events from 127.0.0.1:4711", "client did not read: 4 events buffered");
        assertThat(client.completed).isFalse(); // the write in progress holds the connection

        client.read();
        await().atMost(DEADLINE).untilTrue(client.completed);
        assertThat(client.written).as("the buffer was discarded: resuming serves it from the history")
                .containsExactly("history 0:0 e0");
    }

    @Test
    void heartbeatsToAClientThatDoesNotReadTakeNoRoomInTheBuffer() {
        EventStream stream = stream(null);
        stream.start(new HistoryLog.Subscription(List.of(), ResumeToken.start()), List.of(), List.of());
        client.stopReading();
        stream.history(entry(0, "shop"));
        await().atMost(DEADLINE).until(() -> client.blockedWrites.get() == 1);

        for (int i = 0; i < 10 * CAPACITY; i++) {
            stream.heartbeat();
        }
        assertThat(stream.isEnded()).isFalse();

        client.read();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.written).containsExactly("history 0:0 e0",
                "keep-alive"));
        assertThat(stream.isEnded()).isFalse();
    }

    @Test
    void aStreamWithNothingButHeartbeatsForTheIdleTimeoutIsCompleted() {
        Duration idle = Duration.ofMinutes(30);
        EventStream stream = stream(null);
        stream.start(new HistoryLog.Subscription(List.of(), ResumeToken.start()), List.of(), List.of());

        clock.advance(idle.minusMillis(1));
        assertThat(stream.endIfIdle(idle)).isFalse();
        stream.history(entry(0, "shop"));
        clock.advance(idle.minusMillis(1));
        stream.heartbeat();
        assertThat(stream.endIfIdle(idle)).as("an event restarts the idle time").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(stream.endIfIdle(idle)).as("heartbeats do not").isTrue();

        await().atMost(DEADLINE).untilTrue(client.completed);
        assertThat(ends).hasValue(1);
        assertThat(stream.endIfIdle(idle)).as("ends once").isFalse();
    }

    @Test
    void aFailedWriteEndsTheStreamWithoutCompletingTheConnection() {
        EventStream stream = stream(null);
        stream.start(new HistoryLog.Subscription(List.of(), ResumeToken.start()), List.of(), List.of());
        client.failing.set(true);
        stream.history(entry(0, "shop"));

        await().atMost(DEADLINE).until(stream::isEnded);
        assertThat(ends).hasValue(1);
        assertThat(client.completed).isFalse();
    }

    @Test
    void aConnectionTheContainerEndedIsNotCompletedAgain() {
        EventStream stream = stream(null, CAPACITY, Runnable::run); // delivers on the calling thread: nothing is pending after
        stream.start(new HistoryLog.Subscription(List.of(), ResumeToken.start()), List.of(), List.of());
        stream.connectionEnded();
        stream.history(entry(0, "shop"));

        assertThat(ends).hasValue(1);
        assertThat(client.written).isEmpty();
        assertThat(client.completed).isFalse();
    }

    // ---- fixtures ----

    private static HistoryLog.Entry entry(long offset, String stackId) {
        return new HistoryLog.Entry(0, offset, new HistoryView("e" + offset, stackId, "d1", "STATUS_CHANGED",
                "DEPLOYING", null, null, null, null, "step " + offset, Instant.EPOCH.plusSeconds(offset), null,
                false));
    }

    private static StackView stack(String stackId, String status) {
        return new StackView(stackId, "d1", stackId, status, 1, "auto", null, List.of(), Map.of(), List.of(), null,
                null, null, null);
    }

    private static HostView host(String id) {
        return new HostView(id, id, "10.0.0.1", 2, 1L << 30, null, Map.of(), "MANUAL", "ACTIVE", null, "ACTIVE",
                null, null, null, null, List.of(), List.of(), null, null);
    }

    /** The client's side: what it read; while it does not read, every write blocks, as on a full socket. */
    private static final class ClientSink implements EventStream.Sink {

        final List<String> written = new CopyOnWriteArrayList<>();
        final AtomicBoolean completed = new AtomicBoolean();
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger blockedWrites = new AtomicInteger();
        private volatile CountDownLatch reading = new CountDownLatch(0);

        void stopReading() {
            reading = new CountDownLatch(1);
        }

        void read() {
            reading.countDown();
        }

        @Override
        public void event(String name, String id, Object data) throws IOException {
            write(name + (id == null ? "" : " " + id) + " " + describe(data));
        }

        @Override
        public void keepAlive() throws IOException {
            write("keep-alive");
        }

        @Override
        public void complete() {
            completed.set(true);
        }

        private void write(String event) throws IOException {
            if (failing.get()) {
                throw new IOException("Broken pipe");
            }
            blockedWrites.incrementAndGet();
            try {
                reading.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                blockedWrites.decrementAndGet();
            }
            written.add(event);
        }

        private static String describe(Object data) {
            if (data instanceof HistoryView view) {
                return view.eventId();
            }
            if (data instanceof StackView stack) {
                return stack.stackId() + " " + stack.status();
            }
            return ((HostView) data).id();
        }
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
