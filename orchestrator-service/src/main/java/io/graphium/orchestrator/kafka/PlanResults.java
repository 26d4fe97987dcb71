package io.graphium.orchestrator.kafka;

import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementDiagnosis;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Publishing;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.application.DryRunPlacement;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * The application's {@link DryRunPlacement} on Kafka: publishes a dry-run {@code PlacementRequested} and hands its
 * result to the request waiting for it, matched by {@code causationId} = the dry run's command id. Reads the results
 * topic under a group id of its own instance from its end: every orchestrator instance sees every result, and only
 * results of requests made after it started matter. The deployments ignore dry-run results; this one ignores
 * everything else.
 */
public class PlanResults implements DryRunPlacement, ConsumerSeekAware {

    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(10);

    private final EventPublisher publisher;
    private final Map<String, CompletableFuture<SpecificRecord>> waiting = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    public PlanResults(EventPublisher publisher) {
        this.publisher = publisher;
    }

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
    @Override
    public boolean awaitListening(Duration deadline) throws InterruptedException {
        try {
            listening.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    @Override
    public Optional<Answer> ask(PlacementRequest request, Instant now, Duration timeout) throws Exception {
        long started = System.nanoTime();
        PlacementRequested command = PlacementRequested.newBuilder(AvroMapping.placementRequested(request, now))
                .setDryRun(true).build();
        // Interest registered before publishing, so that no answer can come first.
        CompletableFuture<SpecificRecord> answer = waiting.computeIfAbsent(command.getCommandId(),
                id -> new CompletableFuture<>());
        try {
            Publishing.await(() -> publisher.publish(Topics.PLACEMENT_REQUESTS, request.stackId(), command),
                    PUBLISH_DEADLINE);
            long left = timeout.toNanos() - (System.nanoTime() - started);
            return Optional.of(answer(answer.get(Math.max(left, 0), TimeUnit.NANOSECONDS)));
        } catch (TimeoutException e) {
            return Optional.empty();
        } finally {
            waiting.remove(command.getCommandId());
        }
    }

    private static Answer answer(SpecificRecord result) {
        if (result instanceof PlacementDecided decided) {
            return new Answer(decided.getStackId(), true, decided.getStrategy().name().toLowerCase(), null,
                    AvroMapping.placements(decided.getPlacements()), diagnosis(decided.getDiagnosis()));
        }
        PlacementFailed failed = (PlacementFailed) result;
        return new Answer(failed.getStackId(), false, failed.getStrategy().name().toLowerCase(), failed.getMessage(),
                Map.of(), diagnosis(failed.getDiagnosis()));
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
