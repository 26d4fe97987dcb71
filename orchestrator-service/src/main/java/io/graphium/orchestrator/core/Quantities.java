package io.graphium.orchestrator.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the quantities a definition (and a manual host registration: memory) may write as text: memory ("512Mi"),
 * CPU ("500m") and durations ("1m30s"). Each
 * method throws {@link IllegalArgumentException} whose message completes the sentence "{field} '{text}' ...". Signs
 * are accepted so that the validator, not the parser, reports negative values.
 */
public final class Quantities {

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    private static final Pattern MEMORY = Pattern.compile(NUMBER + "\\s*([A-Za-z]*)");
    private static final Pattern CPU = Pattern.compile(NUMBER + "(m?)");
    private static final Pattern DURATION_PART = Pattern.compile(NUMBER + "(ms|s|m|h)");
    private static final Pattern SECONDS = Pattern.compile(NUMBER);

    /** Kubernetes spelling: binary Ki..Ti, decimal k/K..T. Docker's lower-case "m"/"g" are refused as ambiguous. */
    private static final Map<String, Long> MEMORY_UNITS = Map.of(
            "", 1L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    private static final Map<String, Long> DURATION_MILLIS = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h",
            3_600_000L);

    private Quantities() {
    }

    /** Bytes: a plain number, or a number with a unit; fractions of a byte are dropped. */
    public static long memoryBytes(String text) {
        Matcher m = MEMORY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a memory size; write bytes (536870912) or a number with a unit "
                    + "such as 512Mi or 2Gi");
        }
        Long unit = MEMORY_UNITS.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("has an unknown unit '" + m.group(2) + "'; use Ki, Mi, Gi, Ti "
                    + "(powers of 1024, so Docker's 512m is 512Mi) or k, M, G, T (powers of 1000)");
        }
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit))
                    .setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is far too large");
        }
    }

    /** Cores: a number ("1.5") or millicores ("500m"). */
    static double cpuCores(String text) {
        Matcher m = CPU.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a CPU amount; write cores (1.5) or millicores (500m)");
        }
        double value = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? value : value / 1000;
    }

    /** A number of seconds ("30", "0.5"), Go-style parts ("1m30s", "500ms") or ISO-8601 ("PT30S"). */
    public static Duration duration(String text) {
        if (SECONDS.matcher(text).matches()) {
            return millis(new BigDecimal(text).multiply(BigDecimal.valueOf(1000)));
        }
        if (text.startsWith("P") || text.startsWith("-P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw notADuration();
            }
        }
        Matcher m = DURATION_PART.matcher(text);
        BigDecimal total = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(DURATION_MILLIS.get(m.group(2)))));
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw notADuration();
        }
        return millis(total);
    }

    private static Duration millis(BigDecimal millis) {
        return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private static IllegalArgumentException notADuration() {
        return new IllegalArgumentException("is not a duration; write seconds (30) or a value such as 30s, 500ms or "
                + "1m30s");
    }
}
