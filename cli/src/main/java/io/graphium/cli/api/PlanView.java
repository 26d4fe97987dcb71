package io.graphium.cli.api;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/v1/stacks/plan}: where each container would go, or why it could go nowhere, with the
 * placement service's diagnosis per container. Nothing was reserved.
 */
public record PlanView(String stackId, boolean feasible, String strategy, String location, String message,
                       List<StackView.Placement> placements, List<Diagnosis> diagnosis) {

    public PlanView {
        placements = placements == null ? List.of() : List.copyOf(placements);
        diagnosis = diagnosis == null ? List.of() : List.copyOf(diagnosis);
    }

    /** Why one container went where it went, or why it could go nowhere. */
    public record Diagnosis(String container, int hostsEvaluated, String chosenHostId, List<Rejection> rejections,
                            List<Score> topScores, String summary) {

        public Diagnosis {
            rejections = rejections == null ? List.of() : List.copyOf(rejections);
            topScores = topScores == null ? List.of() : List.copyOf(topScores);
        }
    }

    /** A host the container cannot go to, with a constant reason and its details. */
    public record Rejection(String hostId, String reason, String detail) {
    }

    /** A candidate host's score and what each scorer contributed. */
    public record Score(String hostId, double total, Map<String, Double> terms) {
    }
}
