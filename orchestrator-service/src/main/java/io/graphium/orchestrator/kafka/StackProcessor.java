package io.graphium.orchestrator.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.kafka.Backoff;
import io.graphium.kafka.DeadLetters;
import io.graphium.kafka.ReportSource;
import io.graphium.kafka.Topic;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.kafka.TransientFailure;
import io.graphium.orchestrator.application.StackInput;
import io.graphium.orchestrator.application.StackInput.Requester;
import io.graphium.orchestrator.application.StackInputs;
import io.graphium.orchestrator.application.StackState;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.Command;
import io.graphium.orchestrator.core.lifecycle.ContainerCommand;
import io.graphium.orchestrator.core.lifecycle.HistoryEntry;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;
import io.graphium.orchestrator.security.CommandAttribution;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The Kafka Streams processor of stack inputs (stack commands, placement results, container reports, all keyed by
 * stack id): decodes each record, lets {@link StackInputs} apply it to the stack's state, and forwards every output
 * (placement request, host commands with their desired state, history, status snapshot) while writing the new state
 * to its changelogged stores. With {@code exactly_once_v2} all of that and the input's offset commit together: a
 * crash at any point did all of it or none of it. Deadlines are checked by a wall-clock punctuator over an index.
 * A record that cannot be decoded or applied goes to its topic's dead-letter topic with the reason, in the same
 * transaction, and the partition moves on; a transient failure (registry or broker unreachable) is retried. A stored
 * state that cannot be read (poison in a changelog) counts as none, for that stack only.
 */
final class StackProcessor implements Processor<String, byte[], String, Outgoing> {

    static final String STACKS = "stacks";
    static final String DEFINITIONS = "stack-definitions";
    static final String DEADLINES = "stack-deadlines";
    /** Header with the topic a re-keyed record first arrived on (a host's reports topic). */
    static final String ORIGIN_TOPIC_HEADER = "graphium-origin-topic";
    /** Headers with the position ({@code topic-partition@offset}) and key of a re-keyed record where it arrived. */
    static final String ORIGIN_POSITION_HEADER = "graphium-origin-position";
    static final String ORIGIN_KEY_HEADER = "graphium-origin-key";

    private static final Logger log = LoggerFactory.getLogger(StackProcessor.class);
    private static final Duration DEADLINE_CHECK = Duration.ofSeconds(1);
    private static final Duration TRANSIENT_RETRY_LIMIT = Duration.ofSeconds(60);
    private static final Backoff TRANSIENT_BACKOFF = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(5))
            .within(TRANSIENT_RETRY_LIMIT);
    private static final int DECODED_DEFINITIONS = 1024;

    private final StackInputs inputs;
    private final AvroMapping mapping;
    private final Deserializer<SpecificRecord> events;
    private final TopicProvisioner topics;
    private final CommandAttribution attribution;
    private final TransientFailure transients;
    private final Clock clock;

    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, SpecificRecord> stacks;
    private KeyValueStore<String, SpecificRecord> definitions;
    private KeyValueStore<String, String> deadlines;
    /** Definitions decoded (secrets opened) per deployment: decoding is the costliest part of an input. */
    private final Map<String, StackDefinition> decoded = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StackDefinition> eldest) {
            return size() > DECODED_DEFINITIONS;
        }
    };

    StackProcessor(StackInputs inputs, AvroMapping mapping, Deserializer<SpecificRecord> events,
                   TopicProvisioner topics, CommandAttribution attribution, TransientFailure transients, Clock clock) {
        this.inputs = inputs;
        this.mapping = mapping;
        this.events = events;
        this.topics = topics;
        this.attribution = attribution;
        this.transients = transients;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.stacks = context.getStateStore(STACKS);
        this.definitions = context.getStateStore(DEFINITIONS);
        this.deadlines = context.getStateStore(DEADLINES);
        context.schedule(DEADLINE_CHECK, PunctuationType.WALL_CLOCK_TIME, at -> expireDeadlines());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        retryingTransients(() -> plan(record)).emit();
    }

    /**
     * Everything one record causes, computed before anything is written: a failure while computing leaves no half
     * of it behind (the record is dead-lettered instead), and the writes then happen together.
     */
    private Effects plan(Record<String, byte[]> record) {
        if (fromRepartition() && !rekeyed(record)) {
            // Not the router's (only the orchestrator may write its internal topics): whose dead-letter topic it
            // belongs to is unknown, and one of its own would be a topic nobody declared. Skipped, with its position.
            log.error("skipping a record on {} without the router's origin headers: not a routed report",
                    origin(record, "the reports repartition topic"));
            return new Effects();
        }
        String topic = originTopic(record);
        SpecificRecord value;
        try {
            value = record.value() == null ? null : events.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            if (transients.matches(e)) {
                throw e;
            }
            return deadLetter(record, topic, "cannot decode the value of " + origin(record, topic) + ": "
                    + DeadLetters.wireFormatProblem(record.value()) + causes(e));
        }
        StackInput input;
        try {
            input = decode(topic, record.key(), value, record.headers());
        } catch (RuntimeException e) { // not a valid input, a forged report, a definition that does not map
            if (transients.matches(e)) {
                throw e;
            }
            return deadLetter(record, topic, "refused the record of " + origin(record, topic) + ": " + causes(e));
        }
        if (input == null) {
            return new Effects(); // not an input of the orchestrator (a dry run, a host record)
        }
        try {
            return apply(input, value);
        } catch (RuntimeException e) {
            if (transients.matches(e)) {
                throw e;
            }
            log.error("input {} for stack {} could not be applied; dead-lettered", input.inputId(), input.stackId(),
                    e);
            return deadLetter(record, topic, "processing " + origin(record, topic) + " failed: " + causes(e));
        }
    }

    /** Writes of one input, applied together once all are known: forwards, then the state stores. */
    private final class Effects {
        private final List<Record<String, Outgoing>> records = new ArrayList<>();
        private final List<Runnable> stores = new ArrayList<>();

        void forward(String key, Outgoing outgoing) {
            records.add(new Record<>(key, outgoing, clock.millis()));
        }

        void forward(Record<String, Outgoing> record) {
            records.add(record);
        }

        void store(Runnable write) {
            stores.add(write);
        }

        void emit() {
            records.forEach(context::forward);
            stores.forEach(Runnable::run);
        }
    }

    /**
     * The input a record carries, or null when it is none of the orchestrator's.
     *
     * @throws IllegalArgumentException when the record is not a valid input: without a value (stack commands and
     *                                  placement results have no tombstones; report tombstones stop at the router),
     *                                  of a type its topic does not carry, or keyed by anything but its stack id (it
     *                                  would reach a task that does not hold the stack's state, and split it)
     */
    private StackInput decode(String topic, String key, SpecificRecord value, Headers headers) {
        if (value == null) {
            throw new IllegalArgumentException("it has no value: " + topic + " carries only "
                    + types(sourceTopic(topic)));
        }
        if (!sourceTopic(topic).carries(value)) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " does not belong on " + topic);
        }
        StackInput input = input(topic, value, headers);
        if (input != null && !input.stackId().equals(key)) {
            throw new IllegalArgumentException("its key '" + key + "' is not the stack id '" + input.stackId()
                    + "' of its " + value.getClass().getSimpleName() + ": a stack's inputs are keyed by its id");
        }
        return input;
    }

    private StackInput input(String topic, SpecificRecord value, Headers headers) {
        if (value instanceof StackDeployRequested deploy) {
            return new StackInput.Deploy(deploy.getCommandId(), deploy.getStackId(),
                    mapping.definition(deploy.getDefinition()), AvroMapping.options(deploy), deploy.getRequestedAt(),
                    requester(deploy.getRequestedBy(), deploy, headers));
        }
        if (value instanceof StackStopRequested stop) {
            return new StackInput.Stop(stop.getCommandId(), stop.getStackId(),
                    requester(stop.getRequestedBy(), stop, headers));
        }
        if (value instanceof StackStartRequested start) {
            return new StackInput.Start(start.getCommandId(), start.getStackId(),
                    requester(start.getRequestedBy(), start, headers));
        }
        if (value instanceof StackRemoveRequested remove) {
            return new StackInput.Remove(remove.getCommandId(), remove.getStackId(), remove.getRemoveVolumes(),
                    requester(remove.getRequestedBy(), remove, headers));
        }
        if (value instanceof io.graphium.events.PlacementDecided decided) {
            return decided.getDryRun() ? null : new StackInput.PlacementDecided(decided.getEventId(),
                    decided.getStackId(), decided.getDeploymentId(), AvroMapping.placements(decided.getPlacements()));
        }
        if (value instanceof io.graphium.events.PlacementFailed failed) {
            return failed.getDryRun() ? null : new StackInput.PlacementFailed(failed.getEventId(),
                    failed.getStackId(), failed.getDeploymentId(), failed.getMessage());
        }
        if (value instanceof ContainerStatusChanged status) {
            ReportSource.verify(topic, null, status); // the claimed host is the topic's, or it is forged
            return new StackInput.ContainerReported(status.getEventId(), status.getStackId(),
                    status.getDeploymentId(), AvroMapping.containerStatus(status));
        }
        return null;
    }

    /** The topic descriptor of a source topic, which says what may arrive on it. */
    private static Topic sourceTopic(String topic) {
        if (topic.equals(Topics.STACK_COMMANDS.name())) {
            return Topics.STACK_COMMANDS;
        }
        if (topic.equals(Topics.PLACEMENT_RESULTS.name())) {
            return Topics.PLACEMENT_RESULTS;
        }
        return Topics.reportingHost(topic).map(Topics::hostReports).orElseThrow(() ->
                new IllegalArgumentException("the orchestrator does not read " + topic));
    }

    private static String types(Topic topic) {
        return topic.valueTypes().stream().map(Class::getSimpleName).sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private Requester requester(String name, SpecificRecord command, Headers headers) {
        Header mark = headers.lastHeader(CommandAttribution.HEADER);
        return new Requester(name, attribution.verify(command, mark == null ? null : mark.value()));
    }

    private Effects apply(StackInput input, SpecificRecord value) {
        Effects effects = new Effects();
        StackState current = load(input.stackId());
        StackInputs.Outcome outcome = inputs.apply(current, input, clock.instant());
        if (!outcome.changed()) {
            log.info("stack {}: {}", input.stackId(), outcome.transition().note());
            if (current != null) {
                history(effects, outcome, current.deployment());
            }
            return effects;
        }
        Instant now = clock.instant();
        String stackId = input.stackId();
        StackDeployment next = outcome.next().deployment();
        if (outcome.acceptedDefinition()) {
            // Stored as this orchestrator maps it, never as received: a raw producer's clear-text secrets are
            // sealed here (with the active key) before the definition rests anywhere.
            StackDeployRequested accepted = StackDeployRequested.newBuilder((StackDeployRequested) value)
                    .setDefinition(mapping.definition(outcome.next().definition())).build();
            effects.forward(stackId, Outgoing.event(Topics.STACK_DEFINITIONS, accepted));
            effects.store(() -> definitions.put(stackId, accepted));
            decoded.put(next.deploymentId(), outcome.next().definition());
        }
        for (Command command : outcome.transition().commands()) {
            if (command instanceof PlacementRequest request) {
                effects.forward(stackId, Outgoing.event(Topics.PLACEMENT_REQUESTS,
                        AvroMapping.placementRequested(request, now)));
            } else if (command instanceof ContainerCommand container) {
                Topic commandsTopic = Topics.hostCommands(container.hostId());
                Topic desiredTopic = Topics.hostDesired(container.hostId());
                topics.ensure(commandsTopic);
                topics.ensure(desiredTopic);
                SpecificRecord desired = mapping.desiredContainer(container, now);
                effects.forward(Topics.desiredKey(stackId, container.containerName()), desired == null
                        ? Outgoing.tombstone(desiredTopic) : Outgoing.event(desiredTopic, desired));
                effects.forward(container.hostId(), Outgoing.event(commandsTopic, mapping.hostCommand(container,
                        now)));
            }
        }
        history(effects, outcome, next);
        StackDeploymentStatus snapshot = AvroMapping.snapshot(next, now);
        effects.forward(stackId, Outgoing.event(Topics.STACK_STATUS, snapshot));
        String previousDeadline = current == null ? null : deadlineKey(current.deployment());
        if (outcome.removed()) {
            effects.forward(stackId, Outgoing.tombstone(Topics.STACK_STATUS));
            effects.forward(stackId, Outgoing.tombstone(Topics.STACK_DEFINITIONS));
            effects.store(() -> {
                stacks.delete(stackId);
                definitions.delete(stackId);
                if (previousDeadline != null) {
                    deadlines.delete(previousDeadline);
                }
            });
        } else {
            String nextDeadline = deadlineKey(next);
            effects.store(() -> {
                stacks.put(stackId, snapshot);
                if (previousDeadline != null && !previousDeadline.equals(nextDeadline)) {
                    deadlines.delete(previousDeadline);
                }
                if (nextDeadline != null) {
                    deadlines.put(nextDeadline, stackId);
                }
            });
        }
        log.info("stack {} -> {} (version {}){}", stackId, next.status(), next.version(),
                next.error() == null ? "" : ": " + next.error());
        return effects;
    }

    private void history(Effects effects, StackInputs.Outcome outcome, StackDeployment stack) {
        List<HistoryEntry> steps = outcome.transition().history();
        Requester requester = outcome.requester();
        for (int i = 0; i < steps.size(); i++) {
            effects.forward(stack.stackId(), Outgoing.event(Topics.STACK_HISTORY, AvroMapping.historyEvent(steps.get(i),
                    outcome.inputId() + ":" + stack.version() + ":" + i, outcome.inputId(), stack, clock.instant(),
                    requester == null ? null : requester.name(), requester != null && requester.verified())));
        }
    }

    /**
     * The stack's state from the stores, or null when the stack is unknown. A stored state that cannot be read
     * counts as none (see {@link #stored}); a definition that cannot be read leaves the stack without one (it can
     * only fail and be removed).
     */
    private StackState load(String stackId) {
        StackDeployment deployment;
        try {
            deployment = stored(stacks, stackId) instanceof StackDeploymentStatus status
                    ? AvroMapping.deployment(status) : null;
        } catch (RuntimeException e) {
            if (transients.matches(e)) {
                throw e;
            }
            log.error("the stored state of stack {} is not a complete StackDeploymentStatus; the stack is treated "
                    + "as unknown: {}", stackId, causes(e));
            return null;
        }
        if (deployment == null) {
            return null;
        }
        SpecificRecord stored = stored(definitions, stackId);
        if (!(stored instanceof StackDeployRequested accepted)
                || !accepted.getCommandId().equals(deployment.deploymentId())) {
            return new StackState(deployment, null, DeployOptions.DEFAULTS);
        }
        StackDefinition definition = decoded.get(deployment.deploymentId());
        if (definition == null) {
            try {
                definition = mapping.definition(accepted.getDefinition());
                decoded.put(deployment.deploymentId(), definition);
            } catch (RuntimeException e) { // e.g. sealed with a key this orchestrator no longer has
                log.warn("the definition of stack {} cannot be read: {}", stackId, e.getMessage());
            }
        }
        return new StackState(deployment, definition, AvroMapping.options(accepted));
    }

    /**
     * The record {@code store} holds for {@code stackId}, or null when it holds none or one that cannot be read.
     * The stores hold what this processor wrote, but their changelogs (restored byte for byte at start) can be
     * written by anyone with the rights (a tool, an operator's mistake): a record there that does not decode, or is
     * of another type, is logged and taken as absent, so it costs that one stack its state (inputs for it change
     * nothing; a new deploy starts it over) instead of failing every input of the partition, and the punctuator.
     * A transient failure (registry unreachable, e.g. a schema not yet cached after a restart) is thrown, to be
     * retried.
     */
    private SpecificRecord stored(KeyValueStore<String, SpecificRecord> store, String stackId) {
        SpecificRecord value;
        try {
            value = store.get(stackId);
        } catch (RuntimeException e) {
            if (transients.matches(e)) {
                throw e;
            }
            log.error("the record of stack {} in store {} cannot be read; taken as absent: {}", stackId,
                    store.name(), causes(e));
            return null;
        }
        Class<?> expected = store == stacks ? StackDeploymentStatus.class : StackDeployRequested.class;
        if (value != null && !expected.isInstance(value)) {
            log.error("the record of stack {} in store {} is a {}, not a {}; taken as absent", stackId, store.name(),
                    value.getClass().getSimpleName(), expected.getSimpleName());
            return null;
        }
        return value;
    }

    /** Index key of a stack's pending deadline: time first, so a range scan finds every passed one. */
    private static String deadlineKey(StackDeployment deployment) {
        if (deployment.deadlineAt() == null || !deployment.status().inProgress()) {
            return null;
        }
        return String.format("%013d/%s", deployment.deadlineAt().toEpochMilli(), deployment.stackId());
    }

    private void expireDeadlines() {
        Instant now = clock.instant();
        List<KeyValue<String, String>> passed = new ArrayList<>();
        try (KeyValueIterator<String, String> due = deadlines.range("", String.format("%013d/~",
                now.toEpochMilli()))) {
            due.forEachRemaining(passed::add);
        }
        for (KeyValue<String, String> entry : passed) {
            StackState state = load(entry.value);
            if (state == null || !entry.key.equals(deadlineKey(state.deployment()))) {
                deadlines.delete(entry.key); // stale: the stack moved on or is gone
                continue;
            }
            Effects effects;
            try {
                effects = retryingTransients(() -> apply(new StackInput.DeadlinePassed(entry.value,
                        state.deployment().deploymentId(), state.deployment().version()), null));
            } catch (RuntimeException e) {
                if (transients.matches(e)) {
                    throw e;
                }
                log.error("the deadline of stack {} could not be applied; it is no longer checked", entry.value, e);
                deadlines.delete(entry.key);
                continue;
            }
            effects.emit();
        }
    }

    private Effects deadLetter(Record<String, byte[]> record, String topic, String reason) {
        log.warn("dead-lettered to {}{}: {}", topic, Topic.DEAD_LETTER_SUFFIX, reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        String key = rekeyed(record) ? header(record, ORIGIN_KEY_HEADER) : record.key();
        headers.remove(ORIGIN_TOPIC_HEADER);
        headers.remove(ORIGIN_POSITION_HEADER);
        headers.remove(ORIGIN_KEY_HEADER);
        headers.add(DeadLetters.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        Effects effects = new Effects();
        effects.forward(new Record<>(key, Outgoing.deadLetter(topic + Topic.DEAD_LETTER_SUFFIX,
                record.value()), clock.millis(), headers));
        return effects;
    }

    /**
     * The topic a record arrived on: for a re-keyed report, the host's reports topic the router names in a header
     * (believed only on the repartition topic, which only the orchestrator may write).
     */
    private String originTopic(Record<String, byte[]> record) {
        String origin = rekeyed(record) ? header(record, ORIGIN_TOPIC_HEADER) : null;
        return origin != null ? origin : context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
    }

    /** True for a record the router re-keyed (its headers are believed only on the repartition topic). */
    private boolean rekeyed(Record<String, byte[]> record) {
        return fromRepartition() && record.headers().lastHeader(ORIGIN_TOPIC_HEADER) != null;
    }

    private boolean fromRepartition() {
        return context.recordMetadata().map(m -> m.topic().endsWith(OrchestratorTopology.REPORTS_REPARTITION
                + "-repartition")).orElse(false);
    }

    private static String header(Record<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The topic and the position a record arrived at, as a reason names them: for a re-keyed report, the host's. */
    private String origin(Record<String, byte[]> record, String topic) {
        String routed = rekeyed(record) ? header(record, ORIGIN_POSITION_HEADER) : null;
        String position = routed != null ? routed : context.recordMetadata().map(m -> m.topic() + "-"
                + m.partition() + "@" + m.offset()).orElse("?");
        return topic + " (" + position + ")";
    }

    /**
     * Runs {@code work}, again with growing pauses while it fails transiently (registry or broker unreachable), up
     * to a limit well inside the consumer's poll interval; then the failure stops the task, which Kafka Streams
     * restarts from the last commit (nothing of the failed attempt was committed).
     */
    private Effects retryingTransients(java.util.function.Supplier<Effects> work) {
        Backoff.Pauses pauses = TRANSIENT_BACKOFF.start();
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                long pause = transients.matches(e) ? pauses.nextBackOff() : BackOffExecution.STOP;
                if (pause == BackOffExecution.STOP) {
                    throw e;
                }
                log.warn("transient failure ({}); trying again in {} ms", causes(e), pause);
                if (!pauses.sleep(pause)) {
                    throw e; // interrupted
                }
            }
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 600; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
