package io.graphium.placement.core.model;

import java.util.List;

/** The answer to a {@link PlacementRequest}: every container has a host, or the request failed and reserved nothing. */
public sealed interface PlacementOutcome {

    List<Diagnosis> diagnoses();

    /** Every container placed, in request order. */
    record Decided(List<Placement> placements, List<Diagnosis> diagnoses) implements PlacementOutcome {
        public Decided {
            placements = List.copyOf(placements);
            diagnoses = List.copyOf(diagnoses);
        }
    }

    /**
     * No valid placement.
     *
     * @param message   one readable sentence
     * @param diagnoses of the containers evaluated up to and including the one that found no host (empty when the
     *                  request itself was invalid)
     */
    record Failed(String message, List<Diagnosis> diagnoses) implements PlacementOutcome {
        public Failed {
            diagnoses = List.copyOf(diagnoses);
        }
    }
}
