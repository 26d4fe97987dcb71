package io.graphium.orchestrator.api;

import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Hands dry-run placement results to the request waiting for them, matched by {@code causationId} = the dry run's
 * command id. Reads the results topic under a group id of its own instance from its end: every orchestrator instance
 * sees every result, and only results of requests made after it started matter. The deployment listener ignores
 * dry-run results; this one ignores everything else.
 */
public class PlanResults implements ConsumerSeekAware {

    private final Map<String, CompletableFuture<SpecificRecord>> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    @KafkaListener(id = "orchestrator-plan-results",
            topics = "#{T(io.graphium.kafka.Topics).PLACEMENT_RESULTS.name()}",
            groupId = "orchestrator-plans-${random.uuid}", properties = "auto.offset.reset=latest")
    void onResult(SpecificRecord result) {
        String causation = null;
        if (result instanceof PlacementDecided decided && decided.getDryRun()) {
            causation = decided.getCausationId();
        } else if (result instanceof PlacementFailed failed && failed.getDryRun()) {
            causation = failed.getCausationId();
        }
        CompletableFuture<SpecificRecord> waiter = causation == null ? null : waiting.remove(causation);
        if (waiter != null) {
            waiter.complete(result);
        }
    }

    /** Positions are fixed once partitions are assigned: results published from then on will be seen. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty()) {
            listening.complete(null);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // Keeps listening: the group is this instance's alone, so a revocation is followed by the same assignment.
    }

    /** Waits up to {@code deadline} for the listener to have its partitions; false if it still has none. */
    boolean awaitListening(Duration deadline) throws InterruptedException {
        try {
            listening.get(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** Registers interest in the result of the dry run with this command id; call before publishing it. */
    CompletableFuture<SpecificRecord> expect(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    void forget(String commandId) {
        waiting.remove(commandId);
    }
}
