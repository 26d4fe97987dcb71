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
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code value} rounded to {@code places} decimals, for numbers shown in diagnoses. */
    public static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
