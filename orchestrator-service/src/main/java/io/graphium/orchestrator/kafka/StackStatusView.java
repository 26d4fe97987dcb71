package io.graphium.orchestrator.kafka;

import io.graphium.events.StackDeploymentStatus;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read model every orchestrator instance holds: the latest {@code StackDeploymentStatus} of every stack, a
 * global store fed from the compacted status topic (so REST on any instance answers any stack, whichever instance
 * processes it). Listeners (event streams, waiting requests) hear of each change on the global thread and must not
 * block.
 */
public final class StackStatusView implements io.graphium.orchestrator.application.StackService.ReadModel {

    static final String STORE = "stack-status-view";

    private static final Logger log = LoggerFactory.getLogger(StackStatusView.class);

    private final Deserializer<SpecificRecord> events;
    private final List<Consumer<StackDeployment>> listeners = new CopyOnWriteArrayList<>();
    private volatile Supplier<ReadOnlyKeyValueStore<String, byte[]>> store;

    public StackStatusView(Deserializer<SpecificRecord> events) {
        this.events = events;
    }

    void attach(Supplier<ReadOnlyKeyValueStore<String, byte[]>> store) {
        this.store = store;
    }

    /** {@code listener} hears every new state of every stack, as the status topic has it. */
    @Override
    public void onChange(Consumer<StackDeployment> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<StackDeployment> listener) {
        listeners.remove(listener);
    }

    @Override
    public Optional<StackDeployment> get(String stackId) {
        byte[] bytes = store().get(stackId);
        return Optional.ofNullable(bytes == null ? null : decode(bytes));
    }

    /** Every stack, in stack id order. */
    @Override
    public List<StackDeployment> all() {
        List<StackDeployment> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> every = store().all()) {
            every.forEachRemaining(entry -> {
                StackDeployment deployment = decode(entry.value);
                if (deployment != null) {
                    all.add(deployment);
                }
            });
        }
        return all;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        Supplier<ReadOnlyKeyValueStore<String, byte[]>> supplier = store;
        if (supplier == null) {
            throw new IllegalStateException("the stack status view is not started yet");
        }
        return supplier.get();
    }

    private StackDeployment decode(byte[] bytes) {
        return decode(events, bytes);
    }

    private static StackDeployment decode(Deserializer<SpecificRecord> events, byte[] bytes) {
        try {
            return events.deserialize(io.graphium.kafka.Topics.STACK_STATUS.name(), bytes)
                    instanceof StackDeploymentStatus status ? AvroMapping.deployment(status) : null;
        } catch (RuntimeException e) {
            log.warn("a stored stack status cannot be read: {}", e.getMessage());
            return null;
        }
    }

    /**
     * The global store's updater: keeps the bytes of the latest status per stack; skips, with a WARN naming its
     * position, what it cannot read (a global store's processor that throws stops the global thread, and with it the
     * instance), and leaves the stack's previous status in place. {@code patient} decodes: it waits out an
     * unreachable registry rather than skip a record that is fine.
     */
    Processor<String, byte[], Void, Void> updater(Deserializer<SpecificRecord> patient) {
        return new Processor<>() {
            private KeyValueStore<String, byte[]> target;
            private ProcessorContext<Void, Void> context;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                this.context = context;
                this.target = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, byte[]> record) {
                if (record.key() == null) {
                    return;
                }
                if (record.value() == null) {
                    target.delete(record.key());
                    return;
                }
                StackDeployment deployment = decode(patient, record.value());
                if (deployment == null) {
                    log.warn("skipping an unreadable record of the status topic ({})", context.recordMetadata()
                            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"));
                    return;
                }
                target.put(record.key(), record.value());
                listeners.forEach(l -> {
                    try {
                        l.accept(deployment);
                    } catch (RuntimeException e) {
                        log.warn("a stack status listener failed", e);
                    }
                });
            }
        };
    }
}
