package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.model.PlacementRequest;
import java.time.Instant;

/** What filters and scorers may know besides the container and the host: the request and the time of the decision. */
public record PlacementContext(PlacementRequest request, Instant now) {

    /** The stack's datacenter, or null. */
    public String location() {
        return request.location();
    }

    public long nowMillis() {
        return now.toEpochMilli();
    }
}
