package io.graphium.orchestrator.history;

import static io.graphium.orchestrator.history.HistoryFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.graphium.events.StackStopRequested;
import io.graphium.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The history store in a topology, without a broker: the {@code TopologyTestDriver} feeds the global store as the
 * global stream thread does (one partition, partition 0; {@link HistoryStoreProcessorTest} covers several).
 */
class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private HistoryQuery history;
    private TestInputTopic<String, SpecificRecord> topic;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        HistoryStore store = HistoryStore.addTo(builder, Serdes.String(), HistoryFixtures.serde(), RETENTION);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "history-store-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // What the lead's topology configures: undecodable bytes are logged and skipped, before any processor.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        driver = new TopologyTestDriver(builder.build(), config, T0);
        history = store.query(() -> driver.<Bytes, byte[]>getKeyValueStore(HistoryStore.NAME));
        topic = driver.createInputTopic(Topics.STACK_HISTORY.name(), new StringSerializer(),
                HistoryFixtures.serde().serializer());
        logged.start();
        ((Logger) LoggerFactory.getLogger(HistoryStore.class)).addAppender(logged);
    }

    @AfterEach
    void stopTopology() {
        ((Logger) LoggerFactory.getLogger(HistoryStore.class)).detachAppender(logged);
        driver.close();
    }

    private void write(String eventId, String stackId, Instant at) {
        topic.pipeInput(stackId, event(eventId, stackId, at), at);
    }

    private static List<String> ids(List<HistoryView> views) {
        return views.stream().map(HistoryView::eventId).toList();
    }

    private static List<String> entryIds(List<HistoryLog.Entry> entries) {
        return entries.stream().map(e -> e.view().eventId()).toList();
    }

    @Test
    void eachStacksHistoryComesBackAloneInTopicOrder() {
        write("a1", "web", T0);
        write("b1", "db", T0.plusSeconds(1));
        write("a2", "web", T0.plusSeconds(2));
        write("b2", "db", T0.plusSeconds(3));
        write("c1", "web-2", T0.plusSeconds(4)); // an id that starts with another one's

        assertThat(ids(history.of("web"))).containsExactly("a1", "a2");
        assertThat(ids(history.of("db"))).containsExactly("b1", "b2");
        assertThat(ids(history.of("web-2"))).containsExactly("c1");
        assertThat(history.of("unknown")).isEmpty();
        HistoryView first = history.of("web").get(0);
        assertThat(first).isEqualTo(HistoryView.of(event("a1", "web", T0))); // every field survives the store
        assertThat(history.end()).hasToString("0:4");
    }

    @Test
    void theBacklogAfterATokenIsWhatCameAfterIt() {
        write("a1", "web", T0);
        write("b1", "db", T0.plusSeconds(1));
        write("a2", "web", T0.plusSeconds(2));
        write("b2", "db", T0.plusSeconds(3));
        ResumeToken afterFirstTwo = ResumeToken.parse("0:1");

        assertThat(entryIds(history.backlog(afterFirstTwo, null))).containsExactly("a2", "b2");
        assertThat(entryIds(history.backlog(afterFirstTwo, "db"))).containsExactly("b2");
        assertThat(entryIds(history.backlog(ResumeToken.start(), null))).containsExactly("a1", "b1", "a2", "b2");
        assertThat(history.backlog(ResumeToken.parse("0:3"), null)).isEmpty();
        assertThat(history.backlog(afterFirstTwo, null)).extracting(HistoryLog.Entry::offset).containsExactly(2L, 3L);
    }

    @Test
    void aSubscriberGetsTheBacklogThenEveryLaterEntryOnce() {
        write("a1", "web", T0);
        write("a2", "web", T0.plusSeconds(1));
        write("b1", "db", T0.plusSeconds(2));
        List<HistoryLog.Entry> everything = Collections.synchronizedList(new ArrayList<>());
        List<HistoryLog.Entry> web = Collections.synchronizedList(new ArrayList<>());
        List<HistoryLog.Entry> fromNow = Collections.synchronizedList(new ArrayList<>());

        HistoryLog.Subscription all = history.subscribe(ResumeToken.parse("0:0"), null, everything::add);
        HistoryLog.Subscription one = history.subscribe(ResumeToken.start(), "web", web::add);
        HistoryLog.Subscription now = history.subscribe(null, null, fromNow::add);
        write("a3", "web", T0.plusSeconds(3));
        write("b2", "db", T0.plusSeconds(4));

        assertThat(entryIds(all.backlog())).containsExactly("a2", "b1");
        assertThat(all.position()).hasToString("0:0");
        assertThat(entryIds(everything)).containsExactly("a3", "b2");
        assertThat(entryIds(one.backlog())).containsExactly("a1", "a2");
        assertThat(entryIds(web)).containsExactly("a3"); // a stack's subscriber is told only that stack
        assertThat(now.backlog()).isEmpty();
        assertThat(now.position()).hasToString("0:2");
        assertThat(entryIds(fromNow)).containsExactly("a3", "b2");
    }

    @Test
    void anUnsubscribedSubscriberIsToldNothingMore() {
        List<HistoryLog.Entry> seen = new ArrayList<>();
        Consumer<HistoryLog.Entry> subscriber = seen::add;
        history.subscribe(null, null, subscriber);
        write("a1", "web", T0);
        history.unsubscribe(subscriber);
        write("a2", "web", T0.plusSeconds(1));

        assertThat(entryIds(seen)).containsExactly("a1");
    }

    @Test
    void aFailingSubscriberDoesNotStopTheStoreNorTheOthers() {
        List<HistoryLog.Entry> seen = new ArrayList<>();
        history.subscribe(null, null, entry -> {
            throw new IllegalStateException("broken subscriber");
        });
        history.subscribe(null, null, seen::add);
        write("a1", "web", T0);
        write("a2", "web", T0.plusSeconds(1));

        assertThat(entryIds(seen)).containsExactly("a1", "a2");
        assertThat(ids(history.of("web"))).containsExactly("a1", "a2");
    }

    @Test
    void anEventWrittenTwiceIsKeptOnce() {
        List<HistoryLog.Entry> seen = new ArrayList<>();
        history.subscribe(null, null, seen::add);
        write("a1", "web", T0);
        write("a1", "web", T0); // an input replayed upstream: same event id, next offset
        write("a2", "web", T0.plusSeconds(1));

        assertThat(ids(history.of("web"))).containsExactly("a1", "a2");
        assertThat(entryIds(seen)).containsExactly("a1", "a2");
        assertThat(history.end()).hasToString("0:2");
    }

    @Test
    void recordsThatAreNotHistoryEventsAreSkippedWithAWarningAndLaterOnesLand() {
        write("a1", "web", T0);
        driver.createInputTopic(Topics.STACK_HISTORY.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("web", new byte[] {1, 2, 3}, T0.plusSeconds(1)); // undecodable: the handler's
        topic.pipeInput("web", (SpecificRecord) null, T0.plusSeconds(2)); // no value
        topic.pipeInput("web", StackStopRequested.newBuilder().setCommandId("c-1").setRequestedAt(T0)
                .setStackId("web").build(), T0.plusSeconds(3)); // another event type
        write("a2", "web", T0.plusSeconds(4));

        assertThat(ids(history.of("web"))).containsExactly("a1", "a2");
        assertThat(history.backlog(ResumeToken.parse("0:0"), null)).extracting(HistoryLog.Entry::offset)
                .containsExactly(4L);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "skipping the record at graphium.stack.history partition 0 offset 2: it has no value",
                        "skipping the record at graphium.stack.history partition 0 offset 3: it is a "
                                + StackStopRequested.class.getName() + ", not a StackHistoryEvent");
    }

    @Test
    void entriesOlderThanTheRetentionArePurgedAFewPerRecord() {
        int old = HistoryStore.PURGE_BATCH + 3;
        for (int i = 0; i < old; i++) {
            write("old" + i, i % 2 == 0 ? "web" : "db", T0.plusSeconds(i));
        }
        write("fresh1", "web", T0.plus(RETENTION).plusSeconds(60));
        assertThat(history.of("web")).hasSize((old + 1) / 2 + 1); // nothing has expired yet

        driver.advanceWallClockTime(RETENTION.plusMinutes(2)); // now every "old" entry is past the retention
        write("fresh2", "web", T0.plus(RETENTION).plusSeconds(120));
        // One record purged one batch, the oldest first.
        assertThat(history.backlog(ResumeToken.start(), null)).extracting(e -> e.view().eventId())
                .containsExactly("old8", "old9", "old10", "fresh1", "fresh2");
        write("fresh3", "db", T0.plus(RETENTION).plusSeconds(180));

        assertThat(ids(history.of("web"))).containsExactly("fresh1", "fresh2");
        assertThat(ids(history.of("db"))).containsExactly("fresh3");
        // Every index of a purged entry went with it: four keys per entry left, event ids free again.
        assertThat(keys()).isEqualTo(3 * 4);
        write("old0", "web", T0.plus(RETENTION).plusSeconds(240));
        assertThat(ids(history.of("web"))).containsExactly("fresh1", "fresh2", "old0");
    }

    @Test
    void aRecordAlreadyPastTheRetentionIsNotStored() {
        write("ancient", "web", T0.minus(RETENTION).minusSeconds(1));
        write("recent", "web", T0.minus(RETENTION).plusSeconds(1));

        assertThat(ids(history.of("web"))).containsExactly("recent");
        assertThat(history.end()).hasToString("0:1");
    }

    private int keys() {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(HistoryStore.NAME);
        int keys = 0;
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> next = all.next();
                keys++;
            }
        }
        return keys;
    }
}
