package io.graphium.agent.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sums the per-layer progress of an image pull into one line ("pulling graphium/x:1: 40% (12.3 MB of 30.1 MB)")
 * and hands it on at most once per {@link #EVERY}, so a pull is visible without flooding the status topic.
 */
public final class PullProgress {

    public static final Duration EVERY = Duration.ofSeconds(1);

    private final String image;
    private final Consumer<String> out;
    private final InstantSource clock;
    private final Map<String, long[]> layers = new LinkedHashMap<>();
    private Instant lastSent;

    public PullProgress(String image, Consumer<String> out, InstantSource clock) {
        this.image = image;
        this.out = out;
        this.clock = clock;
    }

    /** One layer's progress: {@code current} of {@code total} bytes downloaded (total 0 when not known yet). */
    public synchronized void layer(String layerId, long current, long total) {
        if (layerId == null || total <= 0) {
            return;
        }
        layers.put(layerId, new long[] {Math.min(current, total), total});
        Instant now = clock.instant();
        if (lastSent != null && Duration.between(lastSent, now).compareTo(EVERY) < 0) {
            return;
        }
        lastSent = now;
        out.accept(message());
    }

    synchronized String message() {
        long done = layers.values().stream().mapToLong(l -> l[0]).sum();
        long total = layers.values().stream().mapToLong(l -> l[1]).sum();
        return "pulling " + image + ": " + (total == 0 ? 0 : done * 100 / total) + "% (" + megabytes(done)
                + " of " + megabytes(total) + ")";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
