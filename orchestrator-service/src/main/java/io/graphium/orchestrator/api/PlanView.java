package io.graphium.orchestrator.api;

import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementDiagnosis;
import io.graphium.events.PlacementFailed;
import io.graphium.orchestrator.kafka.AvroMapping;
import java.util.List;
import java.util.Map;

/**
 * The answer to a dry run: where each container would go, or why it could go nowhere, with the placement service's
 * diagnosis per container. Nothing was reserved.
 */
public record PlanView(String stackId, boolean feasible, String strategy, String location, String message,
                       List<StackView.PlacementView> placements, List<Diagnosis> diagnosis) {

    /** Why one container went where it went, or why it could go nowhere. */
    public record Diagnosis(String container, int hostsEvaluated, String chosenHostId, List<Rejection> rejections,
                            List<Score> topScores, String summary) {
    }

    public record Rejection(String hostId, String reason, String detail) {
    }

    public record Score(String hostId, double total, Map<String, Double> terms) {
    }

    static PlanView of(PlacementDecided decided, String location) {
        List<StackView.PlacementView> placements = AvroMapping.placements(decided.getPlacements()).entrySet()
                .stream().map(e -> new StackView.PlacementView(e.getKey(), e.getValue().hostId(),
                        e.getValue().hostIp(), e.getValue().ports())).toList();
        return new PlanView(decided.getStackId(), true, decided.getStrategy().name().toLowerCase(), location,
                "all " + placements.size() + " container(s) can be placed", placements,
                diagnosis(decided.getDiagnosis()));
    }

    static PlanView of(PlacementFailed failed, String location) {
        return new PlanView(failed.getStackId(), false, failed.getStrategy().name().toLowerCase(), location,
                failed.getMessage(), List.of(), diagnosis(failed.getDiagnosis()));
    }

    private static List<Diagnosis> diagnosis(List<PlacementDiagnosis> avro) {
        return avro.stream().map(d -> new Diagnosis(d.getContainerName(), d.getHostsEvaluated(), d.getChosenHostId(),
                d.getRejections().stream().map(r -> new Rejection(r.getHostId(), r.getReason(), r.getDetail()))
                        .toList(),
                d.getTopScores().stream().map(s -> new Score(s.getHostId(), s.getTotal(), Map.copyOf(s.getTerms())))
                        .toList(),
                d.getSummary())).toList();
    }
}
