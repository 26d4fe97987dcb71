package io.graphium.orchestrator.history;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a reader of the history stands: the offset of the last entry it has seen in each partition of the history
 * topic, written {@code "0:41,3:7"}. Offsets are the topic's own, so a token stays valid across orchestrator
 * restarts, and "everything after the token" has no gap and no duplicate.
 */
public final class ResumeToken {

    private final Map<Integer, Long> offsets;

    private ResumeToken(Map<Integer, Long> offsets) {
        this.offsets = offsets;
    }

    /** Nothing seen yet: everything comes after it. */
    public static ResumeToken start() {
        return new ResumeToken(Map.of());
    }

    /** Reads a token as {@link #toString()} writes it; null when {@code text} is not one. */
    public static ResumeToken parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        try {
            for (String part : text.strip().split(",")) {
                String[] pair = part.split(":");
                if (pair.length != 2) {
                    return null;
                }
                offsets.put(Integer.parseInt(pair[0].strip()), Long.parseLong(pair[1].strip()));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new ResumeToken(Map.copyOf(offsets));
    }

    /** Whether the entry at {@code offset} of {@code partition} comes after this position. */
    public boolean isBefore(int partition, long offset) {
        return offset > offsets.getOrDefault(partition, -1L);
    }

    /** The offset of the last entry seen in {@code partition}; -1 when none has been. */
    long lastOffset(int partition) {
        return offsets.getOrDefault(partition, -1L);
    }

    /** This position moved past the entry at {@code offset} of {@code partition}. */
    public ResumeToken after(int partition, long offset) {
        Map<Integer, Long> moved = new TreeMap<>(offsets);
        moved.merge(partition, offset, Math::max);
        return new ResumeToken(Map.copyOf(moved));
    }

    @Override
    public String toString() {
        return new TreeMap<>(offsets).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
