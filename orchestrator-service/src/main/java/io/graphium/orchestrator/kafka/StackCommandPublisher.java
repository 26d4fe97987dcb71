package io.graphium.orchestrator.kafka;

import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Publishing;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.application.StackService;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.security.CommandAttribution;
import java.time.Duration;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The application's {@link StackService.CommandBus} on Kafka: writes the API's stack commands to the stack commands
 * topic, each with this orchestrator's attribution mark (so the history can trust its requestedBy), and waits for the
 * broker's acknowledgement.
 */
public final class StackCommandPublisher implements StackService.CommandBus {

    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(15);

    private final EventPublisher publisher;
    private final AvroMapping mapping;
    private final CommandAttribution attribution;

    public StackCommandPublisher(EventPublisher publisher, AvroMapping mapping, CommandAttribution attribution) {
        this.publisher = publisher;
        this.mapping = mapping;
        this.attribution = attribution;
    }

    @Override
    public void deploy(String commandId, String stackId, StackDefinition definition, DeployOptions options,
                       String requestedBy, Instant at) throws Exception {
        io.graphium.events.StackDefinition sealed;
        try {
            sealed = mapping.definition(definition);
        } catch (IllegalStateException e) {
            throw new StackService.Unsealable(e.getMessage());
        }
        publish(stackId, StackDeployRequested.newBuilder().setCommandId(commandId).setRequestedAt(at)
                .setRequestedBy(requestedBy).setStackId(stackId).setDefinition(sealed)
                .setRollbackOnFailure(options.rollbackOnFailure()).setDeadlineMillis(options.deadline().toMillis())
                .build());
    }

    @Override
    public void stop(String commandId, String stackId, String requestedBy, Instant at) throws Exception {
        publish(stackId, StackStopRequested.newBuilder().setCommandId(commandId).setRequestedAt(at)
                .setRequestedBy(requestedBy).setStackId(stackId).build());
    }

    @Override
    public void start(String commandId, String stackId, String requestedBy, Instant at) throws Exception {
        publish(stackId, StackStartRequested.newBuilder().setCommandId(commandId).setRequestedAt(at)
                .setRequestedBy(requestedBy).setStackId(stackId).build());
    }

    @Override
    public void remove(String commandId, String stackId, boolean removeVolumes, String requestedBy, Instant at)
            throws Exception {
        publish(stackId, StackRemoveRequested.newBuilder().setCommandId(commandId).setRequestedAt(at)
                .setRequestedBy(requestedBy).setStackId(stackId).setRemoveVolumes(removeVolumes).build());
    }

    private void publish(String stackId, SpecificRecord command) throws InterruptedException {
        Publishing.await(() -> publisher.publish(Topics.STACK_COMMANDS, stackId, command,
                Map.of(CommandAttribution.HEADER, attribution.sign(command))), PUBLISH_DEADLINE);
    }
}
