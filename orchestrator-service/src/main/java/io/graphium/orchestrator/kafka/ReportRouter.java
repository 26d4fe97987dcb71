package io.graphium.orchestrator.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Re-keys container status reports from the hosts' report topics (keyed {@code <stackId>/<containerName>}) by stack
 * id, so that a stack's reports reach the task that owns the stack; host records (keyed by host id) are not the
 * orchestrator's and stop here. Nothing is decoded: the stack processor decodes and verifies, and needs the topic the
 * report arrived on (it authenticates the host), which travels in a header.
 */
final class ReportRouter implements Processor<String, byte[], String, byte[]> {

    private ProcessorContext<String, byte[]> context;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0 || record.value() == null) {
            return; // a host record, or a compacted-away container's tombstone
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElseThrow();
        record.headers().remove(StackProcessor.ORIGIN_TOPIC_HEADER);
        record.headers().add(StackProcessor.ORIGIN_TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withKey(key.substring(0, slash)));
    }
}
