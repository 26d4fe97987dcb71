package io.graphium.orchestrator.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key layout of the {@link HistoryStore}. Keys are bytes compared lexicographically (unsigned), as RocksDB and
 * {@link Bytes#compareTo} do; every key starts with a namespace byte, so that one store holds four indexes:
 * <ul>
 *   <li>{@code 1 | partition | offset} → the entry (HistoryView JSON): the topic in its own order, partition by
 *       partition, for "everything after this token";</li>
 *   <li>{@code 2 | length(stackId) | stackId | partition | offset} → the same JSON: one stack's history is one
 *       prefix range, in topic order. The length prefix (not a separator) makes a stack's prefix never the prefix of
 *       another stack's, whatever characters its id holds;</li>
 *   <li>{@code 3 | timestamp | partition | offset} → nothing: the entries by record timestamp, oldest first, for the
 *       retention purge;</li>
 *   <li>{@code 4 | eventId} → {@code partition | offset}: the event ids already stored, so that an entry written
 *       twice is kept once.</li>
 * </ul>
 * Integers are big-endian; partitions and offsets are never negative, so their bytes sort as the numbers do; the
 * timestamp has its sign bit flipped, so that negative timestamps sort before positive ones.
 */
final class HistoryKeys {

    static final byte BY_POSITION = 1;
    static final byte BY_STACK = 2;
    static final byte BY_TIME = 3;
    static final byte BY_EVENT_ID = 4;

    private HistoryKeys() {
    }

    static Bytes position(int partition, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(1 + 4 + 8).put(BY_POSITION).putInt(partition).putLong(offset).array());
    }

    /** The partition of a {@link #position} key. */
    static int partitionOf(Bytes positionKey) {
        return ByteBuffer.wrap(positionKey.get(), 1, 4).getInt();
    }

    /** The offset of a {@link #position} key. */
    static long offsetOf(Bytes positionKey) {
        return ByteBuffer.wrap(positionKey.get(), 5, 8).getLong();
    }

    /** The value of a {@link #eventId} key: where the entry is. */
    static byte[] positionValue(int partition, long offset) {
        return ByteBuffer.allocate(4 + 8).putInt(partition).putLong(offset).array();
    }

    /** The prefix of every key of one stack's entries. */
    static Bytes stackPrefix(String stackId) {
        byte[] id = stackId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + 4 + id.length).put(BY_STACK).putInt(id.length).put(id).array());
    }

    static Bytes stack(String stackId, int partition, long offset) {
        byte[] prefix = stackPrefix(stackId).get();
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 4 + 8).put(prefix).putInt(partition).putLong(offset)
                .array());
    }

    /** The partition of a {@link #stack} key. */
    static int stackPartitionOf(Bytes stackKey) {
        byte[] key = stackKey.get();
        return ByteBuffer.wrap(key, key.length - 12, 4).getInt();
    }

    /** The offset of a {@link #stack} key. */
    static long stackOffsetOf(Bytes stackKey) {
        byte[] key = stackKey.get();
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }

    static Bytes time(long timestamp, int partition, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + 4 + 8).put(BY_TIME).putLong(timestamp ^ Long.MIN_VALUE)
                .putInt(partition).putLong(offset).array());
    }

    /** The partition of a {@link #time} key. */
    static int timePartitionOf(Bytes timeKey) {
        return ByteBuffer.wrap(timeKey.get(), 9, 4).getInt();
    }

    /** The offset of a {@link #time} key. */
    static long timeOffsetOf(Bytes timeKey) {
        return ByteBuffer.wrap(timeKey.get(), 13, 8).getLong();
    }

    static Bytes eventId(String eventId) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + id.length).put(BY_EVENT_ID).put(id).array());
    }
}
