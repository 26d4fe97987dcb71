package io.graphium.agent.core;

import java.util.List;
import java.util.Optional;

/** Where the desired state of this host comes from (the orchestrator's compacted desired-state topic). */
public interface DesiredStateSource {

    /** Every container currently desired on this host, read up to now. Throws when it cannot be read in full. */
    List<Desired> read();

    /**
     * The command id of the latest desired record of one slot of this host, read up to now; empty when the slot has
     * none (never desired, or removed). Throws when the desired state cannot be read in full.
     */
    default Optional<String> latestCommandId(String stackId, String containerName) {
        return read().stream().filter(d -> d.ref().stackId().equals(stackId)
                && d.ref().containerName().equals(containerName)).map(Desired::commandId).findFirst();
    }
}
