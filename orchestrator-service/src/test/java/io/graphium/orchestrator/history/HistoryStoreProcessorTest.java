package io.graphium.orchestrator.history;

import static io.graphium.orchestrator.history.HistoryFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history store's processor on a real RocksDB store, fed records of several partitions (which the
 * {@code TopologyTestDriver} cannot do: it has one partition per topic), and read while it writes.
 */
class HistoryStoreProcessorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TOPIC = Topics.STACK_HISTORY.name();

    @TempDir
    Path stateDir;

    private MockProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> store;
    private HistoryStore history;
    private HistoryQuery query;
    private Processor<String, SpecificRecord, Void, Void> processor;

    @BeforeEach
    void openStore() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "history-store-processor-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        store = HistoryStore.storeBuilder().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        start();
    }

    /** A new instance on the same store, as after a restart from the store's checkpoint. */
    private void start() {
        history = HistoryStore.addTo(new StreamsBuilder(), Serdes.String(), HistoryFixtures.serde(),
                Duration.ofDays(30));
        query = history.query(() -> store);
        processor = history.processor().get();
        processor.init(context);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void write(int partition, long offset, String eventId, String stackId, Instant at) {
        context.setRecordMetadata(TOPIC, partition, offset);
        processor.process(new Record<>(stackId, event(eventId, stackId, at), at.toEpochMilli()));
    }

    private static List<String> ids(List<HistoryView> views) {
        return views.stream().map(HistoryView::eventId).toList();
    }

    private static List<String> positions(List<HistoryLog.Entry> entries) {
        return entries.stream().map(e -> e.partition() + ":" + e.offset()).toList();
    }

    @Test
    void stacksInterleavedAcrossPartitionsComeBackPerStackInTopicOrder() {
        // Offsets across byte boundaries (127/128, 255/256) and beyond an int: the keys must sort as numbers.
        long[] offsets = {127, 128, 255, 256, 70_000, 5_000_000_000L};
        for (int i = 0; i < offsets.length; i++) {
            Instant at = T0.plusSeconds(i);
            write(0, offsets[i], "web-" + i, "web", at);
            write(3, offsets[i], "db-" + i, "db", at.plusMillis(500));
            write(1, offsets[i], "cache-" + i, "cache", at.plusMillis(700));
        }

        assertThat(ids(query.of("web"))).containsExactly("web-0", "web-1", "web-2", "web-3", "web-4", "web-5");
        assertThat(ids(query.of("db"))).containsExactly("db-0", "db-1", "db-2", "db-3", "db-4", "db-5");
        List<HistoryLog.Entry> all = query.backlog(ResumeToken.start(), null);
        assertThat(all).hasSize(18);
        // Every stack interleaved by time, each partition in offset order.
        assertThat(all.subList(0, 3)).extracting(e -> e.view().eventId()).containsExactly("web-0", "db-0", "cache-0");
        for (int partition : new int[] {0, 1, 3}) {
            assertThat(all).filteredOn(e -> e.partition() == partition).extracting(HistoryLog.Entry::offset)
                    .isSorted().hasSize(6);
        }
        assertThat(query.end()).hasToString("0:5000000000,1:5000000000,3:5000000000");
    }

    @Test
    void theBacklogAfterATokenSeeksEachPartitionPastIt() {
        for (int offset = 0; offset < 5; offset++) {
            write(0, offset, "web-" + offset, "web", T0.plusSeconds(offset));
            write(2, offset, "db-" + offset, "db", T0.plusSeconds(offset));
        }
        ResumeToken token = ResumeToken.parse("0:2,2:4"); // partition 2 seen to its end

        assertThat(positions(query.backlog(token, null))).containsExactly("0:3", "0:4");
        assertThat(positions(query.backlog(ResumeToken.parse("0:3"), null)))
                .containsExactlyInAnyOrder("0:4", "2:0", "2:1", "2:2", "2:3", "2:4");
        assertThat(positions(query.backlog(token, "web"))).containsExactly("0:3", "0:4");
        assertThat(query.backlog(token, "db")).isEmpty();
    }

    @Test
    void aRestartedInstanceKnowsTheEndOfWhatItsStoreHolds() {
        write(0, 10, "web-1", "web", T0);
        write(4, 3, "db-1", "db", T0);
        start();

        assertThat(query.end()).hasToString("0:10,4:3");
        HistoryLog.Subscription fromNow = query.subscribe(null, null, entry -> { });
        assertThat(fromNow.position()).hasToString("0:10,4:3");
        write(0, 10, "web-1", "web", T0); // the restore replays what came after the checkpoint: no repeat
        assertThat(ids(query.of("web"))).containsExactly("web-1");
    }

    @Test
    void subscriptionsTakenWhileTheStoreIsWrittenMissNothingAndRepeatNothing() throws Exception {
        int records = 600;
        List<List<HistoryLog.Entry>> received = new ArrayList<>();
        List<HistoryLog.Subscription> subscriptions = new ArrayList<>();
        Semaphore written = new Semaphore(0);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < records; i++) {
                write(i % 3, i / 3, "e-" + i, "stack-" + (i % 3), T0.plusMillis(i));
                written.release();
            }
        });
        for (int s = 0; s < 6; s++) {
            written.acquire(records / 8); // subscribe at different points, while the writer goes on
            List<HistoryLog.Entry> live = new CopyOnWriteArrayList<>();
            subscriptions.add(query.subscribe(s % 2 == 0 ? ResumeToken.start() : ResumeToken.parse("0:10"), null,
                    live::add));
            received.add(live);
        }
        writer.get();

        for (int s = 0; s < subscriptions.size(); s++) {
            List<String> seen = new ArrayList<>(positions(subscriptions.get(s).backlog()));
            seen.addAll(positions(received.get(s)));
            int expected = s % 2 == 0 ? records : records - 11;
            assertThat(seen).as("subscription %d", s).hasSize(expected);
            assertThat(new HashSet<>(seen)).as("subscription %d", s).hasSize(expected);
        }
    }

    @Test
    void aStackIdOfAnyCharactersStaysItsOwnPrefix() {
        write(0, 0, "e-1", "a", T0);
        write(0, 1, "e-2", "a\u0000b", T0);
        write(0, 2, "e-3", "ab", T0);

        assertThat(ids(query.of("a"))).containsExactly("e-1");
        assertThat(ids(query.of("a\u0000b"))).containsExactly("e-2");
        assertThat(ids(query.of("ab"))).containsExactly("e-3");
    }
}
