package io.graphium.placement.kafka;

import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Topics;
import io.graphium.placement.core.PlacementEngine;
import io.graphium.placement.core.model.PlacementOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Answers placement requests: Avro in, the core decides, Avro out on the results topic, keyed by stack id. A
 * redelivered request (same command id) gets the remembered answer again and reserves nothing more.
 *
 * <p>Single writer: the requests topic has one partition, so in the {@code placement-service} group one instance at a
 * time holds it and decides requests one after another; the others stand by. When this instance is assigned the
 * partition (at start-up or when it takes over), it first reads back the recent decisions and answers
 * ({@link DecisionReplay}), so reservations and idempotency survive restarts and hand-overs, and only then polls
 * requests.
 */
@Component
class PlacementRequestListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(PlacementRequestListener.class);
    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    private final PlacementEngine engine;
    private final InventoryGate inventory;
    private final RecentAnswers answers;
    private final EventPublisher publisher;
    private final Clock clock;
    private final DecisionReplay replay;

    PlacementRequestListener(PlacementEngine engine, InventoryGate inventory, RecentAnswers answers,
                             EventPublisher publisher, Clock clock, DecisionReplay replay) {
        this.engine = engine;
        this.inventory = inventory;
        this.answers = answers;
        this.publisher = publisher;
        this.clock = clock;
        this.replay = replay;
    }

    /**
     * Becoming the active placer: with the inventory current (so containers its agents already report count as
     * confirmed), restore the reservations of recent decisions and remember recent answers, before any request.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (assignments.isEmpty()) {
            return;
        }
        try {
            inventory.awaitCurrent();
            Instant now = clock.instant();
            DecisionReplay.Replayed replayed = replay.read(now);
            int standing = engine.restore(replayed.pending(), now);
            replayed.answers().forEach(answers::remember);
            log.info("active placer: {} reservations of recent decisions restored, {} answers remembered", standing,
                    replayed.answers().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("could not read back recent decisions; pending reservations may be missing until they expire",
                    e);
        }
    }

    // idIsGroup = false: the group is spring.kafka.consumer.group-id, shared by all instances.
    @KafkaListener(id = "placement-requests", idIsGroup = false,
            topics = "#{T(io.graphium.kafka.Topics).PLACEMENT_REQUESTS.name()}")
    void onRequest(PlacementRequested request) throws Exception {
        SpecificRecord answer = answers.get(request.getCommandId());
        if (answer == null) {
            answer = decide(request);
            answers.remember(request.getCommandId(), answer);
        } else {
            log.info("request {} seen before: repeating its answer", request.getCommandId());
        }
        // Wait for the broker so the request's offset is committed only after its answer is written.
        publisher.publish(Topics.PLACEMENT_RESULTS, request.getStackId(), answer)
                .get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private SpecificRecord decide(PlacementRequested request) throws InterruptedException {
        inventory.awaitCurrent();
        Instant now = clock.instant();
        PlacementOutcome outcome = engine.place(RequestMapping.request(request), now);
        SpecificRecord answer = ResultMapping.answer(request, outcome, UUID.randomUUID().toString(), now);
        if (answer instanceof PlacementFailed failed) {
            log.info("stack {} ({}): {}", request.getStackId(), request.getStrategy(), failed.getMessage());
        } else {
            log.info("stack {} ({}): {}", request.getStackId(), request.getStrategy(),
                    ((PlacementDecided) answer).getPlacements().stream()
                            .map(p -> p.getContainerName() + " -> " + p.getHostId()).toList());
        }
        return answer;
    }
}
