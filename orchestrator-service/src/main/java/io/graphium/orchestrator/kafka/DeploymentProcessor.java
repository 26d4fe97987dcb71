package io.graphium.orchestrator.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.StackDeployRequested;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackValidator;
import io.graphium.orchestrator.core.lifecycle.ContainerLaunch;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle;
import io.graphium.orchestrator.core.lifecycle.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each input to its stack through {@link StackLifecycle} and makes the result durable: commands are
 * published first, then the new state (status snapshot, and the definition when a deployment is accepted), each
 * acknowledged by the broker before the input's offset is committed. A crash in between replays the input; the
 * lifecycle recognizes it and receivers recognize re-sent commands by id.
 */
public class DeploymentProcessor {

    private static final Logger log = LoggerFactory.getLogger(DeploymentProcessor.class);
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(30);

    private final DeploymentStore store;
    private final EventPublisher publisher;
    private final TopicProvisioner topics;
    private final AvroMapping mapping;
    private final Clock clock;

    public DeploymentProcessor(DeploymentStore store, EventPublisher publisher, TopicProvisioner topics,
                               AvroMapping mapping, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.topics = topics;
        this.mapping = mapping;
        this.clock = clock;
    }

    public void deployRequested(StackDeployRequested command) {
        String stackId = command.getStackId();
        StackDefinition definition;
        List<Problem> problems;
        try {
            definition = mapping.definition(command.getDefinition());
            problems = StackValidator.validate(definition);
        } catch (RuntimeException e) { // e.g. a sealed value this orchestrator cannot open
            log.warn("deploy command {} for stack {} is unusable: {}", command.getCommandId(), stackId, e.getMessage());
            throw e;
        }
        apply(stackId, definition, current -> StackLifecycle.deployRequested(command.getCommandId(), stackId,
                definition, problems, command.getRequestedAt(), current), command);
    }

    public void placementDecided(PlacementDecided event) {
        applyToExisting(event.getStackId(), entry -> StackLifecycle.placementDecided(entry.deployment(),
                event.getDeploymentId(), event.getEventId(), AvroMapping.placements(event.getPlacements()),
                entry.definition(), clock.instant()));
    }

    public void placementFailed(PlacementFailed event) {
        applyToExisting(event.getStackId(), entry -> StackLifecycle.placementFailed(entry.deployment(),
                event.getDeploymentId(), event.getEventId(), event.getMessage(), clock.instant()));
    }

    public void containerStatusChanged(ContainerStatusChanged event) {
        applyToExisting(event.getStackId(), entry -> StackLifecycle.containerReported(entry.deployment(),
                event.getDeploymentId(), event.getEventId(), AvroMapping.containerStatus(event)));
    }

    private void applyToExisting(String stackId, Function<DeploymentStore.Entry, Transition> input) {
        synchronized (store.lockFor(stackId)) {
            DeploymentStore.Entry entry = store.get(stackId).orElse(null);
            if (entry == null || entry.definition() == null) {
                log.info("ignoring an event for unknown stack {}", stackId);
                return;
            }
            commit(stackId, input.apply(entry), entry.definition(), null);
        }
    }

    private void apply(String stackId, StackDefinition definition, Function<StackDeployment, Transition> input,
                       StackDeployRequested accepted) {
        synchronized (store.lockFor(stackId)) {
            StackDeployment current = store.get(stackId).map(DeploymentStore.Entry::deployment).orElse(null);
            commit(stackId, input.apply(current), definition, accepted);
        }
    }

    private void commit(String stackId, Transition transition, StackDefinition definition,
                        StackDeployRequested accepted) {
        if (!transition.changed()) {
            log.info("stack {}: {}", stackId, transition.note());
            return;
        }
        StackDeployment next = transition.next();
        if (accepted != null) {
            send(Topics.STACK_DEFINITIONS, stackId, accepted);
        }
        for (Object command : transition.commands()) {
            if (command instanceof PlacementRequest request) {
                send(Topics.PLACEMENT_REQUESTS, stackId, AvroMapping.placementRequested(request, clock.instant()));
            } else if (command instanceof ContainerLaunch launch) {
                io.graphium.kafka.Topic hostTopic = Topics.hostCommands(launch.hostId());
                topics.ensure(hostTopic);
                send(hostTopic, launch.hostId(), mapping.deployContainer(launch, clock.instant()));
            } else {
                throw new IllegalStateException("no way to send " + command.getClass().getSimpleName());
            }
        }
        send(Topics.STACK_STATUS, stackId, AvroMapping.snapshot(next, clock.instant()));
        store.put(stackId, next, definition);
        log.info("stack {} -> {} (version {}){}", stackId, next.status(), next.version(),
                next.error() == null ? "" : ": " + next.error());
    }

    private void send(io.graphium.kafka.Topic topic, String key, SpecificRecord event) {
        try {
            publisher.publish(topic, key, event).get(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + event.getClass().getSimpleName() + " to "
                    + topic.name() + " within " + SEND_DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic.name(), e);
        }
    }
}
