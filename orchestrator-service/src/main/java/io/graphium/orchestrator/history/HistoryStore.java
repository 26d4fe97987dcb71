package io.graphium.orchestrator.history;

import io.graphium.events.StackHistoryEvent;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every stack's history as a Kafka Streams <em>global</em> state store: each orchestrator instance holds the whole
 * history topic ({@link Topics#STACK_HISTORY}) in its own persistent RocksDB store, so any instance answers any
 * stack's history, memory stays bounded (RocksDB keeps on disk what does not fit its caches) and a stack's history is
 * one indexed range scan (key layout in {@link HistoryKeys}). Entries are stored as {@link HistoryView} JSON, so
 * reading needs no schema registry.
 * <p>
 * The topology side: {@link #addTo} adds the store to the one {@code StreamsBuilder}; the global stream thread then
 * runs this class's processor for every record of the topic (also when it restores the store at start, from its
 * checkpoint). The processor
 * <ul>
 *   <li>stores each {@code StackHistoryEvent} under its topic position, so replaying a record (a restore after an
 *       unclean stop) overwrites rather than repeats it, and keeps an event id only once (an input replayed upstream
 *       writes the same event ids again at new offsets; with exactly_once_v2 upstream and read_committed here that
 *       does not happen, but records written by non-transactional producers still can);</li>
 *   <li>skips, with a WARN naming topic, partition and offset, a record that is null or not a
 *       {@code StackHistoryEvent} (undecodable bytes are the deserialization exception handler's), because a global
 *       store processor that throws stops the global thread and with it every instance's history;</li>
 *   <li>purges entries older than the topic's retention: a global store processor cannot schedule punctuations and
 *       the store is persistent (checkpointed, not rebuilt at each start), so each record also deletes at most
 *       {@link #PURGE_BATCH} expired entries, oldest first. Records already expired when read are not stored;</li>
 *   <li>then tells the subscribers, on the global thread: subscribers must not block or do I/O (queue and return).</li>
 * </ul>
 * The read side is {@link HistoryQuery}, from {@link #query(KafkaStreams)}.
 */
public final class HistoryStore {

    /** The global store's name (also its directory under the state directory). */
    public static final String NAME = "graphium-stack-history";

    /** Expired entries deleted at most per record read: more than one, so that a backlog of them drains. */
    static final int PURGE_BATCH = 8;

    private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final byte[] NOTHING = new byte[0];

    private final Duration retention;
    /** Held by the processor while it writes an entry and notifies, and by subscribe while it scans and registers. */
    private final Object lock = new Object();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private ResumeToken end = ResumeToken.start(); // guarded by lock

    private record Subscriber(String stackId, Consumer<HistoryLog.Entry> consumer) {
    }

    private HistoryStore(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("history retention must be positive, not " + retention);
        }
        this.retention = retention;
    }

    /**
     * Adds the history store, fed from {@link Topics#STACK_HISTORY} and kept as long as that topic keeps records, to
     * {@code builder}. {@code keys} and {@code values} read the topic (stack id keys, the project's Avro events).
     * The returned store answers queries once the {@code KafkaStreams} built from {@code builder} runs.
     */
    public static HistoryStore addTo(StreamsBuilder builder, Serde<String> keys, Serde<SpecificRecord> values) {
        return addTo(builder, keys, values, Topics.STACK_HISTORY.retention());
    }

    /** As {@link #addTo(StreamsBuilder, Serde, Serde)}, keeping entries for {@code retention}. */
    public static HistoryStore addTo(StreamsBuilder builder, Serde<String> keys, Serde<SpecificRecord> values,
                                     Duration retention) {
        HistoryStore history = new HistoryStore(retention);
        builder.addGlobalStore(storeBuilder(), Topics.STACK_HISTORY.name(),
                Consumed.with(keys, values).withName("stack-history-source"), history.processor());
        return history;
    }

    /** A persistent (RocksDB) byte-keyed store; a global store has no changelog: the topic is its changelog. */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled();
    }

    /**
     * Queries on this store through {@code streams}, the instance built from the builder this store was added to.
     * Each query asks {@code streams} for the store, so it throws {@code InvalidStateStoreException} while
     * {@code streams} is not running (or rebalancing), as any interactive query does.
     */
    public HistoryQuery query(KafkaStreams streams) {
        return query(() -> streams.store(StoreQueryParameters.fromNameAndType(NAME,
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore())));
    }

    /** Queries on {@code store} (tests: the {@code TopologyTestDriver}'s store, or one a test feeds itself). */
    HistoryQuery query(Supplier<? extends ReadOnlyKeyValueStore<Bytes, byte[]>> store) {
        return new HistoryQuery(this, store);
    }

    ProcessorSupplier<String, SpecificRecord, Void, Void> processor() {
        return Writer::new;
    }

    // ---- the write side: the global stream thread ----

    private final class Writer implements Processor<String, SpecificRecord, Void, Void> {

        private ProcessorContext<Void, Void> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(NAME);
            // A store restored from its checkpoint already holds what no processor of this instance has seen.
            Map<Integer, Long> stored = lastOffsets(store);
            synchronized (lock) {
                stored.forEach((partition, offset) -> end = end.after(partition, offset));
            }
        }

        @Override
        public void process(Record<String, SpecificRecord> record) {
            RecordMetadata where = context.recordMetadata().orElse(null);
            if (where == null) {
                log.warn("skipping a {} record without topic position: history entries are kept by position",
                        Topics.STACK_HISTORY.name());
                return;
            }
            long now = context.currentSystemTimeMs();
            write(where, record, now - retention.toMillis());
            purge(store, now);
        }

        private void write(RecordMetadata where, Record<String, SpecificRecord> record, long expiredBefore) {
            HistoryView view = null;
            byte[] json = null;
            if (record.value() instanceof StackHistoryEvent event) {
                try {
                    view = HistoryView.of(event);
                    json = JSON.writeValueAsBytes(view);
                } catch (RuntimeException e) { // a record the schema should not have let through (missing parts)
                    skip(where, "it is not a complete StackHistoryEvent (" + e + ")");
                }
            } else {
                skip(where, record.value() == null ? "it has no value"
                        : "it is a " + record.value().getClass().getName() + ", not a StackHistoryEvent");
            }
            int partition = where.partition();
            long offset = where.offset();
            synchronized (lock) {
                end = end.after(partition, offset);
                if (json == null || view.eventId() == null || view.stackId() == null) {
                    return;
                }
                if (record.timestamp() < expiredBefore) {
                    return; // already past the topic's retention: the broker deletes its segment soon
                }
                Bytes eventKey = HistoryKeys.eventId(view.eventId());
                if (store.get(eventKey) != null) {
                    return; // this event is stored already (at this position, or at an earlier one)
                }
                Bytes position = HistoryKeys.position(partition, offset);
                store.put(position, json);
                store.put(HistoryKeys.stack(view.stackId(), partition, offset), json);
                store.put(HistoryKeys.time(record.timestamp(), partition, offset), NOTHING);
                store.put(eventKey, HistoryKeys.positionValue(partition, offset)); // last: a replay completes it
                HistoryLog.Entry entry = new HistoryLog.Entry(partition, offset, view);
                for (Subscriber subscriber : subscribers) {
                    if (subscriber.stackId() == null || subscriber.stackId().equals(view.stackId())) {
                        notify(subscriber, entry);
                    }
                }
            }
        }

        private void skip(RecordMetadata where, String why) {
            log.warn("skipping the record at {} partition {} offset {}: {}", where.topic(), where.partition(),
                    where.offset(), why);
        }

        private void notify(Subscriber subscriber, HistoryLog.Entry entry) {
            try {
                subscriber.consumer().accept(entry);
            } catch (RuntimeException e) { // one broken subscriber must not stop the history of every other
                log.warn("a history subscriber failed on the entry at partition {} offset {}", entry.partition(),
                        entry.offset(), e);
            }
        }
    }

    /**
     * Deletes at most {@link #PURGE_BATCH} entries whose record timestamp is older than {@code now} minus the
     * retention, oldest first; returns how many. Deletes each entry's stack key and event id before its position and
     * its time key last, so that a purge cut short is completed by the next one.
     */
    int purge(KeyValueStore<Bytes, byte[]> store, long now) {
        long expiredBefore = now - retention.toMillis();
        if (expiredBefore == Long.MIN_VALUE) {
            return 0;
        }
        List<Bytes> expired = new ArrayList<>(PURGE_BATCH);
        try (KeyValueIterator<Bytes, byte[]> oldest = store.range(HistoryKeys.time(Long.MIN_VALUE, 0, 0),
                HistoryKeys.time(expiredBefore - 1, Integer.MAX_VALUE, Long.MAX_VALUE))) {
            while (oldest.hasNext() && expired.size() < PURGE_BATCH) {
                expired.add(oldest.next().key);
            }
        }
        for (Bytes timeKey : expired) {
            int partition = HistoryKeys.timePartitionOf(timeKey);
            long offset = HistoryKeys.timeOffsetOf(timeKey);
            Bytes position = HistoryKeys.position(partition, offset);
            byte[] json = store.get(position);
            HistoryView view = json == null ? null : decode(json, partition, offset);
            if (view != null) {
                store.delete(HistoryKeys.stack(view.stackId(), partition, offset));
                Bytes eventKey = HistoryKeys.eventId(view.eventId());
                if (Arrays.equals(store.get(eventKey), HistoryKeys.positionValue(partition, offset))) {
                    store.delete(eventKey);
                }
            }
            if (json != null) {
                store.delete(position);
            }
            store.delete(timeKey);
        }
        return expired.size();
    }

    // ---- the read side: any thread, through HistoryQuery ----

    /** One stack's entries, oldest first. */
    static List<HistoryLog.Entry> ofStack(ReadOnlyKeyValueStore<Bytes, byte[]> store, String stackId,
                                          ResumeToken after) {
        List<HistoryLog.Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> range = store.range(HistoryKeys.stack(stackId, 0, 0),
                HistoryKeys.stack(stackId, Integer.MAX_VALUE, Long.MAX_VALUE))) {
            while (range.hasNext()) {
                KeyValue<Bytes, byte[]> next = range.next();
                int partition = HistoryKeys.stackPartitionOf(next.key);
                long offset = HistoryKeys.stackOffsetOf(next.key);
                if (after.isBefore(partition, offset)) {
                    add(entries, partition, offset, next.value);
                }
            }
        }
        return chronological(entries);
    }

    /**
     * Every stack's entries after {@code after}: in each partition, one seek to the first partition at or after it
     * and one range from the token's offset on, so an up-to-date token costs a few seeks, not a scan.
     */
    static List<HistoryLog.Entry> ofAll(ReadOnlyKeyValueStore<Bytes, byte[]> store, ResumeToken after) {
        List<HistoryLog.Entry> entries = new ArrayList<>();
        for (int partition : partitions(store)) {
            long seen = after.lastOffset(partition);
            if (seen < Long.MAX_VALUE) {
                try (KeyValueIterator<Bytes, byte[]> range = store.range(HistoryKeys.position(partition, seen + 1),
                        HistoryKeys.position(partition, Long.MAX_VALUE))) {
                    while (range.hasNext()) {
                        KeyValue<Bytes, byte[]> next = range.next();
                        add(entries, partition, HistoryKeys.offsetOf(next.key), next.value);
                    }
                }
            }
        }
        return chronological(entries);
    }

    /** The offset of the last entry stored in each partition. */
    static Map<Integer, Long> lastOffsets(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        Map<Integer, Long> offsets = new LinkedHashMap<>();
        for (int partition : partitions(store)) {
            try (KeyValueIterator<Bytes, byte[]> latest = store.reverseRange(HistoryKeys.position(partition, 0),
                    HistoryKeys.position(partition, Long.MAX_VALUE))) {
                if (latest.hasNext()) {
                    offsets.put(partition, HistoryKeys.offsetOf(latest.next().key));
                }
            }
        }
        return offsets;
    }

    /** The partitions that have entries, ascending: one seek per partition (past the last one found), not a scan. */
    private static List<Integer> partitions(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        List<Integer> partitions = new ArrayList<>();
        Bytes last = HistoryKeys.position(Integer.MAX_VALUE, Long.MAX_VALUE);
        int from = 0;
        while (true) {
            int partition;
            try (KeyValueIterator<Bytes, byte[]> first = store.range(HistoryKeys.position(from, 0), last)) {
                if (!first.hasNext()) {
                    return partitions;
                }
                partition = HistoryKeys.partitionOf(first.next().key);
            }
            partitions.add(partition);
            if (partition == Integer.MAX_VALUE) {
                return partitions;
            }
            from = partition + 1;
        }
    }

    /**
     * Merges the entries, which come partition by partition, each partition in offset order, by occurrence time; a
     * merge keeps each partition's order, which is all a {@link ResumeToken} needs.
     */
    private static List<HistoryLog.Entry> chronological(List<HistoryLog.Entry> entries) {
        Map<Integer, Deque<HistoryLog.Entry>> partitions = new LinkedHashMap<>();
        entries.forEach(e -> partitions.computeIfAbsent(e.partition(), p -> new ArrayDeque<>()).add(e));
        if (partitions.size() <= 1) {
            return entries;
        }
        Comparator<Deque<HistoryLog.Entry>> byHead = Comparator.comparing(d -> d.peekFirst().view().occurredAt(),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        List<HistoryLog.Entry> merged = new ArrayList<>(entries.size());
        List<Deque<HistoryLog.Entry>> heads = new ArrayList<>(partitions.values());
        while (!heads.isEmpty()) {
            Deque<HistoryLog.Entry> earliest = heads.stream().min(byHead).orElseThrow();
            merged.add(earliest.removeFirst());
            if (earliest.isEmpty()) {
                heads.remove(earliest);
            }
        }
        return merged;
    }

    private static void add(List<HistoryLog.Entry> entries, int partition, long offset, byte[] json) {
        HistoryView view = decode(json, partition, offset);
        if (view != null) {
            entries.add(new HistoryLog.Entry(partition, offset, view));
        }
    }

    private static HistoryView decode(byte[] json, int partition, long offset) {
        try {
            return Objects.requireNonNull(JSON.readValue(json, HistoryView.class));
        } catch (JacksonException | NullPointerException e) {
            log.warn("the history entry of partition {} offset {} in store {} is not a HistoryView; left out",
                    partition, offset, NAME, e);
            return null;
        }
    }

    // ---- subscriptions ----

    /** See {@link HistoryQuery#subscribe}. */
    /** The store is asked for only when there is a backlog to read: "from now on" needs no running instance. */
    HistoryLog.Subscription subscribe(Supplier<? extends ReadOnlyKeyValueStore<Bytes, byte[]>> store,
                                      ResumeToken token, String stackId, Consumer<HistoryLog.Entry> subscriber) {
        synchronized (lock) {
            List<HistoryLog.Entry> backlog = token == null ? List.of()
                    : stackId == null ? ofAll(store.get(), token) : ofStack(store.get(), stackId, token);
            subscribers.add(new Subscriber(stackId, subscriber));
            return new HistoryLog.Subscription(backlog, token == null ? end : token);
        }
    }

    void unsubscribe(Consumer<HistoryLog.Entry> subscriber) {
        subscribers.removeIf(s -> s.consumer() == subscriber);
    }

    ResumeToken end() {
        synchronized (lock) {
            return end;
        }
    }
}
