package io.graphium.orchestrator.kafka;

import io.graphium.kafka.EventSerialization;
import io.graphium.kafka.RegistryClient;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.kafka.TransientFailure;
import io.graphium.orchestrator.application.StackInputs;
import io.graphium.orchestrator.history.HistoryStore;
import io.graphium.orchestrator.security.CommandAttribution;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The orchestrator's whole data flow, top to bottom. Values travel as bytes and are decoded by the processors, so a
 * record that cannot be read is dead-lettered by our code, with its reason, inside the transaction.
 */
public final class OrchestratorTopology {

    /** The internal topic that brings each stack's container reports to the task that owns the stack. */
    static final String REPORTS_REPARTITION = "stack-reports";

    private OrchestratorTopology() {
    }

    /** The topology, and the history store it feeds (queried once the topology runs). */
    public record Built(Topology topology, HistoryStore history) {
    }

    /** The topology with its processors; each stream task gets its own processor and deserializer. */
    public static Built create(StackInputs inputs, AvroMapping mapping, RegistryClient registry,
                                  TopicProvisioner topics, CommandAttribution attribution, TransientFailure transients,
                                  Clock clock, StackStatusView statusView) {
        return create(inputs, mapping, EventSerialization.valueSerializer(registry),
                () -> EventSerialization.valueDeserializer(registry), topics, attribution, transients, clock,
                statusView);
    }

    /** As above, with the events' serialization given (tests: one that needs no registry). */
    static Built create(StackInputs inputs, AvroMapping mapping, Serializer<SpecificRecord> serializer,
                        Supplier<Deserializer<SpecificRecord>> deserializers, TopicProvisioner topics,
                        CommandAttribution attribution, TransientFailure transients, Clock clock,
                        StackStatusView statusView) {
        Serde<SpecificRecord> events = Serdes.serdeFrom(serializer, deserializers.get());
        // The global stores wait out an unreachable registry instead of skipping what they cannot decode now.
        Serde<SpecificRecord> patient = Serdes.serdeFrom(serializer,
                new PatientDeserializer(deserializers.get(), transients));
        return build(() -> new StackProcessor(inputs, mapping, deserializers.get(), topics, attribution, transients,
                clock), statusView, events, patient);
    }

    static Built build(ProcessorSupplier<String, byte[], String, Outgoing> stackProcessor,
                          StackStatusView statusView, Serde<SpecificRecord> events, Serde<SpecificRecord> patient) {
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());

        // Container reports from every host's reports topic (found by pattern), re-keyed by stack id.
        KStream<String, byte[]> reports = builder.stream(Topics.HOST_REPORTS_PATTERN, raw)
                .process(ReportRouter::new, Named.as("report-router"))
                .repartition(Repartitioned.<String, byte[]>as(REPORTS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray())
                        .withNumberOfPartitions(Topics.STACK_COMMANDS.partitions()));

        // Stack commands and placement results, keyed by stack id already; co-partitioned with the reports.
        KStream<String, byte[]> inputs = builder.stream(List.of(Topics.STACK_COMMANDS.name(),
                Topics.PLACEMENT_RESULTS.name()), raw).merge(reports, Named.as("stack-inputs"));

        // One stack's state per key, changelogged; every output of a transition leaves through one sink.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StackProcessor.STACKS),
                Serdes.String(), events));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                StackProcessor.DEFINITIONS), Serdes.String(), events));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StackProcessor.DEADLINES),
                Serdes.String(), Serdes.String()));
        inputs.process(stackProcessor, Named.as("stack-processor"), StackProcessor.STACKS,
                        StackProcessor.DEFINITIONS, StackProcessor.DEADLINES)
                .to((key, outgoing, context) -> outgoing.topic(),
                        Produced.<String, Outgoing>with(Serdes.String(), Outgoing.serde(events.serializer()))
                                .withName("outputs"));

        // The read model every instance holds: the latest status of every stack.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StackStatusView.STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(), Topics.STACK_STATUS.name(), raw,
                () -> statusView.updater(patient.deserializer()));
        // Every stack's history, indexed by stack, also on every instance.
        HistoryStore history = HistoryStore.addTo(builder, Serdes.String(), patient);
        return new Built(builder.build(), history);
    }
}
