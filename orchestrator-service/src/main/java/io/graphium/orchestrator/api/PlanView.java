package io.graphium.orchestrator.api;

import io.graphium.orchestrator.application.DryRunPlacement;
import java.util.List;

/**
 * The answer to a dry run: where each container would go, or why it could go nowhere, with the placement service's
 * diagnosis per container. Nothing was reserved.
 */
public record PlanView(String stackId, boolean feasible, String strategy, String location, String message,
                       List<StackView.PlacementView> placements, List<DryRunPlacement.Diagnosis> diagnosis) {

    static PlanView of(DryRunPlacement.Answer answer, String location) {
        List<StackView.PlacementView> placements = answer.placements().entrySet().stream()
                .map(e -> new StackView.PlacementView(e.getKey(), e.getValue().hostId(), e.getValue().hostIp(),
                        e.getValue().ports())).toList();
        return new PlanView(answer.stackId(), answer.feasible(), answer.strategy(), location,
                answer.feasible() ? "all " + placements.size() + " container(s) can be placed" : answer.failure(),
                placements, answer.diagnosis());
    }
}
