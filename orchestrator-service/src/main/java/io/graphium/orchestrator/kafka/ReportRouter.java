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
 * report arrived on (it authenticates the host), which travels in a header, with the report's position and key there
 * (for its dead letter, if it comes to that).
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
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        header(record, StackProcessor.ORIGIN_TOPIC_HEADER, origin.topic());
        // Where and under which key it came: a dead letter of it is then the record as the host wrote it.
        header(record, StackProcessor.ORIGIN_POSITION_HEADER, origin.topic() + "-" + origin.partition() + "@"
                + origin.offset());
        header(record, StackProcessor.ORIGIN_KEY_HEADER, key);
        context.forward(record.withKey(key.substring(0, slash)));
    }

    private static void header(Record<String, byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
