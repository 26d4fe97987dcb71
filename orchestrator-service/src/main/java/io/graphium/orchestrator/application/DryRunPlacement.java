package io.graphium.orchestrator.application;

import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the placement service where a stack's containers would go now, changing nothing (a dry run: nothing is
 * reserved, and the deployments ignore its answer). Implemented by the Kafka adapter.
 */
public interface DryRunPlacement {

    /** Waits up to {@code deadline} until answers can be received; false when they cannot be yet. */
    boolean awaitListening(Duration deadline) throws InterruptedException;

    /** Sends {@code request} as a dry run and waits up to {@code timeout} for its answer; empty when none came. */
    Optional<Answer> ask(PlacementRequest request, Instant now, Duration timeout) throws Exception;

    /**
     * The placement service's answer.
     *
     * @param feasible   whether every container can be placed
     * @param strategy   the strategy it applied, lower case
     * @param failure    why the stack cannot be placed; null when it can
     * @param placements container name -> where it would run, in definition order (empty when it cannot be placed)
     */
    record Answer(String stackId, boolean feasible, String strategy, String failure, Map<String, Placement> placements,
                  List<Diagnosis> diagnosis) {
    }

    /** Why one container went where it went, or why it could go nowhere. */
    record Diagnosis(String container, int hostsEvaluated, String chosenHostId, List<Rejection> rejections,
                     List<Score> topScores, String summary) {
    }

    record Rejection(String hostId, String reason, String detail) {
    }

    record Score(String hostId, double total, Map<String, Double> terms) {
    }
}
