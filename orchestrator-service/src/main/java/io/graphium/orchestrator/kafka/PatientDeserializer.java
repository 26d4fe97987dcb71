package io.graphium.orchestrator.kafka;

import io.graphium.kafka.TransientFailure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The global stores' deserializer: tries again, with growing pauses and for as long as it takes, while decoding
 * fails transiently (the registry unreachable, e.g. the first record of a schema this instance has not cached yet).
 * Without it such a record would count as poison and be skipped, and the read model (or the history) of every
 * instance that read it meanwhile would lack it for good. The global thread waits meanwhile, as a consumer would;
 * the stream threads go on. Anything else is thrown at once: the record is poison and the deserialization exception
 * handler skips it, with its position.
 */
final class PatientDeserializer implements Deserializer<SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(PatientDeserializer.class);
    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    private final Deserializer<SpecificRecord> events;
    private final TransientFailure transients;

    PatientDeserializer(Deserializer<SpecificRecord> events, TransientFailure transients) {
        this.events = events;
        this.transients = transients;
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        BackOffExecution pauses = null;
        while (true) {
            try {
                return events.deserialize(topic, data);
            } catch (RuntimeException e) {
                if (!transients.matches(e) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (pauses == null) {
                    ExponentialBackOff backOff = new ExponentialBackOff(FIRST_PAUSE_MILLIS, 2.0);
                    backOff.setMaxInterval(LONGEST_PAUSE_MILLIS);
                    pauses = backOff.start(); // no end: a registry outage is waited out, not turned into loss
                }
                long pause = pauses.nextBackOff();
                log.warn("cannot decode a record of {} now ({}); trying again in {} ms", topic, e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
