package io.graphium.agent.kafka;

import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.StatusChange;
import io.graphium.agent.core.StatusReporter;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.HealthStatus;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes each status change as a {@code ContainerStatusChanged} on this host's reports topic (key:
 * {@code <stackId>/<containerName>}, so compaction keeps the latest state of each container) and waits for the broker's
 * acknowledgement, so that a command's offset is committed only after its outcome is on the topic.
 */
@Component
public class KafkaStatusReporter implements StatusReporter {

    private static final Logger log = LoggerFactory.getLogger(KafkaStatusReporter.class);
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(30);

    private final EventPublisher publisher;
    private final String hostId;

    public KafkaStatusReporter(EventPublisher publisher, AgentProperties agent) {
        this.publisher = publisher;
        this.hostId = agent.hostId();
    }

    @Override
    public void report(StatusChange change) {
        if (change.status() == io.graphium.agent.core.ContainerStatus.FAILED) {
            log.warn("Command {} failed: {}", change.commandId(), change.message());
        }
        ContainerStatusChanged event = event(hostId, change);
        try {
            publisher.publish(Topics.hostReports(hostId), Topics.statusKey(event.getStackId(),
                            event.getContainerName()), event)
                    .get(ACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + change.status() + " of "
                    + change.ref().describe(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + change.status() + " of "
                    + change.ref().describe() + ": " + e.getMessage(), e);
        }
    }

    /** A new event (new id) for {@code change}; its command is both its cause and the command it answers. */
    static ContainerStatusChanged event(String hostId, StatusChange change) {
        return ContainerStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCausationId(change.commandId())
                .setCommandId(change.commandId())
                .setOccurredAt(Instant.now())
                .setHostId(hostId)
                .setStackId(change.ref().stackId())
                .setDeploymentId(change.ref().deploymentId())
                .setContainerName(change.ref().containerName())
                .setState(ContainerState.valueOf(change.status().name()))
                .setHealth(HealthStatus.valueOf(change.health().name()))
                .setDockerId(change.dockerId())
                .setExitCode(change.exitCode())
                .setMessage(change.message())
                .build();
    }
}
