package io.graphium.placement.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The last answers by request command id, so that a redelivered request gets the very same answer (same event id)
 * without being placed, and reserved, a second time. Bounded: the oldest answers are forgotten first.
 */
final class RecentAnswers {

    private final Map<String, SpecificRecord> byCommandId;

    RecentAnswers(int capacity) {
        this.byCommandId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SpecificRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The answer already given to {@code commandId}, or null. */
    synchronized SpecificRecord get(String commandId) {
        return byCommandId.get(commandId);
    }

    synchronized void remember(String commandId, SpecificRecord answer) {
        byCommandId.put(commandId, answer);
    }
}
