package io.graphium.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Poison-message handling: a record that cannot be deserialized or processed is retried a few times (processing
 * only: bytes do not get better), then sent to {@code <topic>.DLT} with the reason in headers, and the partition moves
 * on. Spring's {@code kafka_dlt-*} headers carry the origin (topic, partition, offset, group, exception); ours add
 * one readable sentence.
 */
public final class DeadLetters {

    /** Header holding one readable sentence saying why the record is here. */
    public static final String REASON_HEADER = "graphium-dlt-reason";

    private DeadLetters() {
    }

    /** Longest pause between attempts at a record that failed transiently. */
    static final long MAX_TRANSIENT_PAUSE_MILLIS = 30_000;

    /**
     * The error handler every listener container uses: poison goes to the dead-letter topic after
     * {@code retries} more attempts; a failure one of {@code transients} recognizes is retried until it passes.
     */
    public static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> deadLetterTemplate,
                                                   long retryIntervalMillis, int retries,
                                                   List<TransientFailure> transients) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                // -1: let the producer pick the partition, so the DLT needs no particular partition count.
                (record, exception) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, -1));
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders(List.of(
                new RecordHeader(REASON_HEADER, reason(record, exception).getBytes(StandardCharsets.UTF_8)))));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(retryIntervalMillis, retries));
        handler.setBackOffFunction((record, exception) -> backOffFor(exception, transients, retryIntervalMillis));
        // A forged report stays forged: straight to the dead-letter topic.
        handler.addNotRetryableExceptions(ReportSource.ForgedReportException.class);
        return handler;
    }

    /** Growing pauses without end for a transient failure; null (the handler's default) for anything else. */
    static BackOff backOffFor(Exception failure, List<TransientFailure> transients, long retryIntervalMillis) {
        if (transients.stream().noneMatch(t -> t.matches(failure))) {
            return null;
        }
        long first = Math.min(Math.max(retryIntervalMillis, 100), MAX_TRANSIENT_PAUSE_MILLIS);
        return Backoff.doubling(Duration.ofMillis(first), Duration.ofMillis(MAX_TRANSIENT_PAUSE_MILLIS));
    }

    /** Why {@code record} could not be handled, in one sentence naming its origin and the root cause. */
    public static String reason(ConsumerRecord<?, ?> record, Exception exception) {
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        Throwable failure = exception instanceof ListenerExecutionFailedException && exception.getCause() != null
                ? exception.getCause() : exception;
        DeserializationException deserialization = find(failure, DeserializationException.class);
        if (deserialization != null) {
            return "cannot deserialize the " + (deserialization.isKey() ? "key" : "value") + " of " + origin + ": "
                    + wireFormatProblem(deserialization.getData()) + causeChain(
                    deserialization.getCause() != null ? deserialization.getCause() : deserialization);
        }
        return "processing " + origin + " failed: " + causeChain(failure);
    }

    /**
     * What is wrong with {@code data} as a Confluent wire-format record (magic byte 0, 4-byte schema id, Avro body),
     * as a sentence prefix; the serde's own exceptions rarely say it plainly. Also the orchestrator's topology's.
     */
    public static String wireFormatProblem(byte[] data) {
        if (data == null || data.length == 0) {
            return "empty record; ";
        }
        if (data[0] != 0) {
            return String.format("not in the Confluent wire format (first byte 0x%02x, expected magic byte 0x00); ",
                    data[0]);
        }
        if (data.length < 5) {
            return "only " + data.length + " bytes, too short for magic byte and 4-byte schema id; ";
        }
        int schemaId = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        return "schema id " + schemaId + " in the record, which the registry could not resolve or whose body did not "
                + "match; ";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Distinct messages along the cause chain, outermost first: "outer: inner: root". */
    private static String causeChain(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 4; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }
}
