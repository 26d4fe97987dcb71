package io.graphium.placement.core;

import java.time.Duration;

/**
 * @param hostTtl        a host not heard from for longer is offline and gets no placements
 * @param reservationTtl a decision's reservation counts at most this long if its container never shows up in a
 *                       heartbeat
 */
public record PlacementSettings(Duration hostTtl, Duration reservationTtl) {

    public static final Duration DEFAULT_HOST_TTL = Duration.ofSeconds(6);
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(2);

    public PlacementSettings {
        hostTtl = hostTtl == null ? DEFAULT_HOST_TTL : hostTtl;
        reservationTtl = reservationTtl == null ? DEFAULT_RESERVATION_TTL : reservationTtl;
    }

    public static PlacementSettings defaults() {
        return new PlacementSettings(null, null);
    }
}
