package io.graphium.orchestrator.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.StackDeployRequested;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackValidator;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.orchestrator.core.lifecycle.ContainerCommand;
import io.graphium.orchestrator.core.lifecycle.HistoryEntry;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;
import io.graphium.orchestrator.core.lifecycle.StackOperations;
import io.graphium.orchestrator.core.lifecycle.StackStatus;
import io.graphium.orchestrator.core.lifecycle.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

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
    private final KafkaTemplate<String, SpecificRecord> template;
    private final StackAdmission admission;

    public DeploymentProcessor(DeploymentStore store, EventPublisher publisher,
                               KafkaTemplate<String, SpecificRecord> template, TopicProvisioner topics,
                               AvroMapping mapping, Clock clock, StackAdmission admission) {
        this.store = store;
        this.admission = admission;
        this.publisher = publisher;
        this.template = template;
        this.topics = topics;
        this.mapping = mapping;
        this.clock = clock;
    }

    /** Who asked for a transition: a stack command's requestedBy, and whether its attribution mark was valid. */
    record RequestedBy(String name, boolean verified) {
    }

    public void deployRequested(StackDeployRequested command) {
        deployRequested(command, false);
    }

    public void deployRequested(StackDeployRequested command, boolean verified) {
        String stackId = command.getStackId();
        StackDefinition definition;
        List<Problem> problems;
        try {
            definition = mapping.definition(command.getDefinition());
            problems = new ArrayList<>(StackValidator.validate(definition));
            problems.addAll(admission.check(definition)); // the same policy as the REST API, for any producer
        } catch (RuntimeException e) { // e.g. a sealed value this orchestrator cannot open
            log.warn("deploy command {} for stack {} is unusable: {}", command.getCommandId(), stackId, e.getMessage());
            throw e;
        }
        DeployOptions options = DeploymentStore.options(command);
        synchronized (store.lockFor(stackId)) {
            StackDeployment current = store.get(stackId).map(DeploymentStore.Entry::deployment).orElse(null);
            commit(stackId, command.getCommandId(), current, StackLifecycle.deployRequested(command.getCommandId(),
                    stackId, definition, problems, options, command.getRequestedAt(), current), definition, options,
                    command, new RequestedBy(command.getRequestedBy(), verified));
        }
    }

    public void stopRequested(StackStopRequested command) {
        stopRequested(command, false);
    }

    public void stopRequested(StackStopRequested command, boolean verified) {
        applyToExisting(command.getStackId(), command.getCommandId(), new RequestedBy(command.getRequestedBy(),
                verified), entry -> StackOperations.stopRequested(
                entry.deployment(), entry.definition(), command.getCommandId(), clock.instant()));
    }

    public void startRequested(StackStartRequested command) {
        startRequested(command, false);
    }

    public void startRequested(StackStartRequested command, boolean verified) {
        applyToExisting(command.getStackId(), command.getCommandId(), new RequestedBy(command.getRequestedBy(),
                verified), entry -> StackOperations.startRequested(
                entry.deployment(), entry.definition(), command.getCommandId(), entry.options().deadline(),
                clock.instant()));
    }

    public void removeRequested(StackRemoveRequested command) {
        removeRequested(command, false);
    }

    public void removeRequested(StackRemoveRequested command, boolean verified) {
        applyToExisting(command.getStackId(), command.getCommandId(), new RequestedBy(command.getRequestedBy(),
                verified), entry -> StackOperations.removeRequested(
                entry.deployment(), entry.definition(), command.getCommandId(), command.getRemoveVolumes(),
                clock.instant()));
    }

    public void placementDecided(PlacementDecided event) {
        applyToExisting(event.getStackId(), event.getEventId(), entry -> StackLifecycle.placementDecided(
                entry.deployment(), event.getDeploymentId(), event.getEventId(),
                AvroMapping.placements(event.getPlacements()), entry.definition(), clock.instant()));
    }

    public void placementFailed(PlacementFailed event) {
        applyToExisting(event.getStackId(), event.getEventId(), entry -> StackLifecycle.placementFailed(
                entry.deployment(), event.getDeploymentId(), event.getEventId(), event.getMessage(),
                clock.instant()));
    }

    public void containerStatusChanged(ContainerStatusChanged event) {
        applyToExisting(event.getStackId(), event.getEventId(), entry -> StackLifecycle.containerReported(
                entry.deployment(), entry.definition(), event.getDeploymentId(), event.getEventId(),
                AvroMapping.containerStatus(event)));
    }

    /** Fails (or settles) every stack whose deadline has passed; called periodically. */
    public void expireDeadlines() {
        Instant now = clock.instant();
        for (DeploymentStore.Entry entry : store.all()) {
            StackDeployment stack = entry.deployment();
            if (stack.deadlineAt() != null && !now.isBefore(stack.deadlineAt())) {
                String stackId = stack.stackId();
                applyToExisting(stackId, stack.deploymentId() + ":deadline:" + stack.version(),
                        current -> StackLifecycle.deadlineExpired(current.deployment(), current.definition(), now));
            }
        }
    }

    private void applyToExisting(String stackId, String inputId, Function<DeploymentStore.Entry, Transition> input) {
        applyToExisting(stackId, inputId, null, input);
    }

    private void applyToExisting(String stackId, String inputId, RequestedBy requestedBy,
                                 Function<DeploymentStore.Entry, Transition> input) {
        synchronized (store.lockFor(stackId)) {
            DeploymentStore.Entry entry = store.get(stackId).orElse(null);
            if (entry == null || (entry.definition() == null && entry.deployment().status() != StackStatus.FAILED)) {
                log.info("ignoring input {} for unknown stack {}", inputId, stackId);
                return;
            }
            commit(stackId, inputId, entry.deployment(), input.apply(entry), entry.definition(), entry.options(),
                    null, requestedBy);
        }
    }

    /**
     * Makes a transition durable, in an order that a crash at any point can replay: the definition (for a new
     * deployment), then per container command its desired state and the command, then the history, then the
     * snapshot. Ids are derived from the input's id, so a replay writes the same ids again.
     */
    private void commit(String stackId, String inputId, StackDeployment current, Transition transition,
                        StackDefinition definition, DeployOptions options, StackDeployRequested accepted,
                        RequestedBy requestedBy) {
        if (!transition.changed()) {
            log.info("stack {}: {}", stackId, transition.note());
            if (current != null && !transition.history().isEmpty()) {
                history(inputId, current, transition, requestedBy);
            }
            return;
        }
        StackDeployment next = transition.next();
        if (accepted != null) {
            // Stored as this orchestrator maps it, never as received: a raw producer's clear-text secrets are
            // sealed here (with the active key) before the definition rests on the compacted topic.
            send(Topics.STACK_DEFINITIONS, stackId, StackDeployRequested.newBuilder(accepted)
                    .setDefinition(mapping.definition(definition)).build());
        }
        Instant now = clock.instant();
        for (Object command : transition.commands()) {
            if (command instanceof PlacementRequest request) {
                send(Topics.PLACEMENT_REQUESTS, stackId, AvroMapping.placementRequested(request, now));
            } else if (command instanceof ContainerCommand container) {
                io.graphium.kafka.Topic hostTopic = Topics.hostCommands(container.hostId());
                io.graphium.kafka.Topic desiredTopic = Topics.hostDesired(container.hostId());
                topics.ensure(hostTopic);
                topics.ensure(desiredTopic);
                send(desiredTopic, Topics.desiredKey(stackId, container.containerName()),
                        mapping.desiredContainer(container, now));
                send(hostTopic, container.hostId(), mapping.hostCommand(container, now));
            } else {
                throw new IllegalStateException("no way to send " + command.getClass().getSimpleName());
            }
        }
        history(inputId, next, transition, requestedBy);
        send(Topics.STACK_STATUS, stackId, AvroMapping.snapshot(next, now));
        if (next.status() == StackStatus.REMOVED) {
            // Removed: nothing of the stack stays on the compacted topics; its history stays on the audit trail.
            send(Topics.STACK_STATUS, stackId, null);
            send(Topics.STACK_DEFINITIONS, stackId, null);
            store.put(stackId, next, definition, options);
            store.remove(stackId);
        } else {
            store.put(stackId, next, definition, options);
        }
        log.info("stack {} -> {} (version {}){}", stackId, next.status(), next.version(),
                next.error() == null ? "" : ": " + next.error());
    }

    private void history(String inputId, StackDeployment stack, Transition transition, RequestedBy requestedBy) {
        List<HistoryEntry> steps = transition.history();
        for (int i = 0; i < steps.size(); i++) {
            send(Topics.STACK_HISTORY, stack.stackId(), AvroMapping.historyEvent(steps.get(i),
                    inputId + ":" + stack.version() + ":" + i, inputId, stack, clock.instant(),
                    requestedBy == null ? null : requestedBy.name(), requestedBy != null && requestedBy.verified()));
        }
    }

    /** Sends and waits for the broker's acknowledgement; a null event is a tombstone (compacted topics only). */
    private void send(io.graphium.kafka.Topic topic, String key, SpecificRecord event) {
        try {
            CompletableFuture<?> sent = event == null ? template.send(topic.name(), key, null)
                    : publisher.publish(topic, key, event);
            sent.get(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + (event == null ? "a tombstone"
                    : event.getClass().getSimpleName()) + " to " + topic.name() + " within " + SEND_DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic.name(), e);
        }
    }
}
