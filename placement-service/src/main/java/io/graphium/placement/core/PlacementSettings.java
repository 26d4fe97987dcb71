package io.graphium.placement.core;

import java.time.Duration;

/**
 * @param hostTtl           an agent's host not heard from for longer is offline and gets no placements
 * @param reservationTtl    a decision's reservation counts at most this long if its container never shows up in a
 *                          heartbeat
 * @param exhaustiveUpTo    with at most this many candidate hosts, every host is evaluated and the diagnosis lists
 *                          every rejection; with more, hosts are searched in rank order (see {@code HostRanking})
 */
public record PlacementSettings(Duration hostTtl, Duration reservationTtl, int exhaustiveUpTo) {

    public static final Duration DEFAULT_HOST_TTL = Duration.ofSeconds(6);
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(2);
    public static final int DEFAULT_EXHAUSTIVE_UP_TO = 64;

    public PlacementSettings {
        hostTtl = hostTtl == null ? DEFAULT_HOST_TTL : hostTtl;
        reservationTtl = reservationTtl == null ? DEFAULT_RESERVATION_TTL : reservationTtl;
    }

    public PlacementSettings(Duration hostTtl, Duration reservationTtl) {
        this(hostTtl, reservationTtl, DEFAULT_EXHAUSTIVE_UP_TO);
    }

    public static PlacementSettings defaults() {
        return new PlacementSettings(null, null);
    }

    public PlacementSettings withExhaustiveUpTo(int hosts) {
        return new PlacementSettings(hostTtl, reservationTtl, hosts);
    }
}
