package io.graphium.placement.core;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.inventory.Inventory;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.pipeline.StackPlacer;
import io.graphium.placement.core.pipeline.Strategies;
import java.time.Instant;
import java.util.List;

/**
 * The placement service's logic behind one lock: host reports go in, decisions come out. Serializing both is the
 * consistency mechanism within one process: a decision and its reservations are one step, so two stacks placed at
 * the same moment never double-book a port or a resource. (Several instances each hold their own reservations;
 * coordinating them is not done yet.)
 */
public final class PlacementEngine {

    private final Inventory inventory;
    private final StackPlacer placer;

    public PlacementEngine(PlacementSettings settings) {
        this.inventory = new Inventory(settings.reservationTtl());
        this.placer = new StackPlacer(new Strategies(settings.hostTtl()));
    }

    /** Applies a registration or heartbeat; false when it is older than what the inventory already holds. */
    public synchronized boolean apply(HostReport report) {
        return inventory.apply(report);
    }

    /** Forgets a host whose inventory record was deleted. */
    public synchronized void remove(String hostId) {
        inventory.remove(hostId);
    }

    /** Decides where every container of {@code request} runs and reserves it there (unless a dry run). */
    public synchronized PlacementOutcome place(PlacementRequest request, Instant now) {
        return placer.place(request, inventory, now);
    }

    /** Ids of the known hosts, in id order (for health and tests). */
    public synchronized List<String> hostIds() {
        return inventory.hosts().stream().map(HostState::id).toList();
    }

    /** Committed reservations not yet confirmed by a heartbeat nor expired. */
    public synchronized int pendingReservations() {
        return inventory.pendingReservations();
    }
}
