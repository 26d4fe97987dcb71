package io.graphium.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times for people: instants to the second (UTC, ISO-8601) and short durations such as {@code 42s}, {@code 5m},
 * {@code 3h}.
 */
public final class TimeFormat {

    private TimeFormat() {
    }

    public static String instant(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String age(Instant since, Instant now) {
        return since == null ? "-" : duration(Duration.between(since, now));
    }

    public static String duration(Duration duration) {
        if (duration.toMillis() > 0 && duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
