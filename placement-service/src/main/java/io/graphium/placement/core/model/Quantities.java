package io.graphium.placement.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Readable numbers for rejection details and summaries: {@code 4 GiB}, {@code 0.5 cores}, {@code 71.25}. */
public final class Quantities {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Quantities() {
    }

    /** {@code 4 GiB}, {@code 1.5 GiB}, {@code 200 MiB}: the largest unit that keeps the number at least 1. */
    public static String bytes(long bytes) {
        int unit = 0;
        double value = bytes;
        while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return decimal(value, 1) + " " + BYTE_UNITS[unit];
    }

    /** {@code 1 core}, {@code 0.5 cores}. */
    public static String cores(long milliCpu) {
        return decimal(milliCpu / 1000.0, 2) + (milliCpu == 1000 ? " core" : " cores");
    }

    /** At most {@code places} decimals, without trailing zeros. */
    public static String decimal(double value, int places) {
        if (fastPathApplies(value, places)) {
            double rounded = round(value, places);
            if (rounded == Math.rint(rounded)) {
                return Long.toString((long) rounded);
            }
            String text = Double.toString(rounded); // the shortest digits that read back as this double
            if (text.indexOf('E') < 0) {
                return text;
            }
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code value} rounded to {@code places} decimals (half up), for numbers shown in diagnoses. Diagnoses round
     * several numbers per container, so the common case avoids BigDecimal: when the scaled value is not within a
     * hair of a half, {@link Math#round} gives the same digits; otherwise BigDecimal decides exactly.
     */
    public static double round(double value, int places) {
        if (fastPathApplies(value, places)) {
            double scaled = value * POWERS_OF_TEN[places];
            double fraction = Math.abs(scaled - (long) scaled);
            if (Math.abs(fraction - 0.5) > 1e-6) {
                return Math.round(scaled) / POWERS_OF_TEN[places];
            }
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private static boolean fastPathApplies(double value, int places) {
        return places >= 0 && places < POWERS_OF_TEN.length && Math.abs(value) < 1e9;
    }
}
