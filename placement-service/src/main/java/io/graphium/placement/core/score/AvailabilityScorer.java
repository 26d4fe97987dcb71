package io.graphium.placement.core.score;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.HostScorer;
import io.graphium.placement.core.pipeline.PlacementContext;
import java.util.function.ToLongFunction;

/**
 * {@code 30 × free / capacity} for one resource: 0 for a full host, 30 for an idle one. "Free" is after the host's
 * reported usage and every pending reservation, including earlier containers of the same stack. A host that does
 * not account the resource (capacity 0) scores 0 rather than dividing by zero.
 */
public final class AvailabilityScorer implements HostScorer {

    public static final double MAX_POINTS = 30;

    private final String term;
    private final ToLongFunction<HostState> free;
    private final ToLongFunction<HostState> capacity;

    private AvailabilityScorer(String term, ToLongFunction<HostState> free, ToLongFunction<HostState> capacity) {
        this.term = term;
        this.free = free;
        this.capacity = capacity;
    }

    public static AvailabilityScorer cpu() {
        return new AvailabilityScorer("cpu", HostState::freeMilliCpu, HostState::cpuCapacityMilli);
    }

    public static AvailabilityScorer memory() {
        return new AvailabilityScorer("memory", HostState::freeMemory, HostState::memoryCapacity);
    }

    @Override
    public String term() {
        return term;
    }

    @Override
    public double score(ContainerDemand container, HostState host, PlacementContext context) {
        return points(free.applyAsLong(host), capacity.applyAsLong(host));
    }

    /** The term itself, shared with the ranking index so both compute the very same double. */
    public static double points(long free, long capacity) {
        return capacity <= 0 ? 0 : MAX_POINTS * free / capacity;
    }
}
