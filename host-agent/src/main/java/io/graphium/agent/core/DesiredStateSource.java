package io.graphium.agent.core;

import java.util.List;

/** Where the desired state of this host comes from (the orchestrator's compacted desired-state topic). */
public interface DesiredStateSource {

    /** Every container currently desired on this host, read up to now. Throws when it cannot be read in full. */
    List<Desired> read();
}
