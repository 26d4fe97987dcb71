package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.model.PlacementRequest;
import java.util.Optional;

/** A rule a whole request must satisfy before any host is evaluated; its problem is the failure message. */
@FunctionalInterface
public interface RequestCheck {

    RequestCheck NONE = request -> Optional.empty();

    Optional<String> problem(PlacementRequest request);

    default RequestCheck and(RequestCheck next) {
        return request -> problem(request).or(() -> next.problem(request));
    }
}
