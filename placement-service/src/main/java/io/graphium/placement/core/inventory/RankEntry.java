package io.graphium.placement.core.inventory;

import io.graphium.placement.core.score.AvailabilityScorer;
import io.graphium.placement.core.score.ContainerCountScorer;

/**
 * A host's place in the {@link HostRanking}: the keys it is sorted by, frozen while it sits in the ordered sets (a
 * change takes it out, refreshes the keys and puts it back).
 */
final class RankEntry {

    final HostState host;
    /** The auto score without its datacenter term: cpu + memory + containers, computed as the scorers do. */
    double autoScore;
    /** Containers on the host (running + reserved): spread and datacenter rank by fewest. */
    int containers;
    /** The group holding this entry, or null when the host is not ranked. */
    DatacenterRanks group;

    RankEntry(HostState host) {
        this.host = host;
    }

    String id() {
        return host.id();
    }

    void refresh() {
        double cpu = AvailabilityScorer.points(host.freeMilliCpu(), host.cpuCapacityMilli());
        double memory = AvailabilityScorer.points(host.freeMemory(), host.memoryCapacity());
        // Summed in pipeline order (cpu, memory, containers), so the index key is the pipeline's partial total.
        autoScore = cpu + memory + ContainerCountScorer.points(host.containerCount());
        containers = host.containerCount();
    }
}
