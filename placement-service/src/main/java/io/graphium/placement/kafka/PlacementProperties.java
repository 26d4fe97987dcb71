package io.graphium.placement.kafka;

import io.graphium.placement.core.PlacementSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code graphium.placement.*}.
 *
 * @param hostTtl           a host without a heartbeat for longer is offline (default 6 s)
 * @param reservationTtl    how long a decision's reservation counts if its container never appears in a heartbeat
 *                          (default 2 min)
 * @param inventoryWait     how long a request may wait for the inventory to read every host record published before
 *                          it (default 10 s); after that the request is answered from what was read
 * @param answersRemembered how many recent answers are kept to answer a redelivered request identically
 */
@ConfigurationProperties("graphium.placement")
public record PlacementProperties(Duration hostTtl, Duration reservationTtl, Duration inventoryWait,
                                  Integer answersRemembered) {

    public PlacementProperties {
        inventoryWait = inventoryWait == null ? Duration.ofSeconds(10) : inventoryWait;
        answersRemembered = answersRemembered == null ? 10_000 : answersRemembered;
    }

    public PlacementSettings settings() {
        return new PlacementSettings(hostTtl, reservationTtl);
    }
}
