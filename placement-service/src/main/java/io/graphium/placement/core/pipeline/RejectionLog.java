package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.model.HostRejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rejections of one container's evaluation: counted per reason for every host, listed in full for the first
 * {@value #RECORDED} (a diagnosis over 5,000 hosts must stay readable and small).
 */
final class RejectionLog {

    static final int RECORDED = 50;
    /** Up to this many rejections, a message names each host; beyond, it counts per reason. */
    static final int NAMED_IN_MESSAGE = 10;

    private final List<HostRejection> recorded = new ArrayList<>();
    private final Map<String, Integer> countByReason = new LinkedHashMap<>();
    private final Map<String, HostRejection> exampleByReason = new LinkedHashMap<>();
    private int total;

    void add(String hostId, Rejection rejection) {
        total++;
        countByReason.merge(rejection.reason(), 1, Integer::sum);
        boolean firstOfItsReason = !exampleByReason.containsKey(rejection.reason());
        if (recorded.size() < RECORDED || firstOfItsReason) {
            HostRejection entry = new HostRejection(hostId, rejection.reason(), rejection.detail());
            if (firstOfItsReason) {
                exampleByReason.put(rejection.reason(), entry);
            }
            if (recorded.size() < RECORDED) {
                recorded.add(entry);
            }
        }
    }

    int total() {
        return total;
    }

    List<HostRejection> recorded() {
        return recorded;
    }

    /**
     * {@code host1 port 5432/tcp in use, host2 datacenter eu-1 is not us-west-2} when few, otherwise
     * {@code 4000 datacenter mismatch (e.g. host1 datacenter eu-1 is not us-west-2), 12 port in use (e.g. ...)}.
     */
    String describe() {
        if (total <= NAMED_IN_MESSAGE) {
            return String.join(", ", recorded.stream().map(HostRejection::toString).toList());
        }
        List<String> parts = new ArrayList<>();
        countByReason.forEach((reason, count) ->
                parts.add(count + " " + reason + " (e.g. " + exampleByReason.get(reason) + ")"));
        return String.join(", ", parts);
    }
}
