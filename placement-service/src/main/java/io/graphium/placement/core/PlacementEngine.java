package io.graphium.placement.core;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.inventory.Inventory;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.PendingDecision;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.pipeline.StackPlacer;
import io.graphium.placement.core.pipeline.Strategies;
import java.time.Instant;
import java.util.List;

/**
 * The placement service's logic behind one lock: host reports and operator overrides go in, decisions come out.
 * Serializing them makes a decision and its reservations one step, so two stacks placed at the same moment in this
 * process never double-book a port or a resource. Across instances, the Kafka adapter makes one instance the single
 * writer (see the README).
 */
public final class PlacementEngine {

    private final Inventory inventory;
    private final StackPlacer placer;

    public PlacementEngine(PlacementSettings settings) {
        this.inventory = new Inventory(settings.reservationTtl(), settings.hostTtl());
        this.placer = new StackPlacer(new Strategies(settings.hostTtl()), settings.exhaustiveUpTo());
    }

    /** Applies a registration or heartbeat; false when it is older than what the inventory already holds. */
    public synchronized boolean apply(HostReport report) {
        return inventory.apply(report);
    }

    /** An operator's status for a host: MAINTENANCE/OFFLINE override its agent, ACTIVE (or null) lifts that. */
    public synchronized void setOperatorStatus(String hostId, HostStatus status) {
        inventory.setOperatorStatus(hostId, status);
    }

    /** Forgets a host whose inventory record was deleted. */
    public synchronized void remove(String hostId) {
        inventory.remove(hostId);
    }

    /** Decides where every container of {@code request} runs and reserves it there (unless a dry run). */
    public synchronized PlacementOutcome place(PlacementRequest request, Instant now) {
        return placer.place(request, inventory, now);
    }

    /**
     * Replaces the pending reservations with those of earlier decisions (after a restart, or on becoming the active
     * placer); returns how many stand.
     */
    public synchronized int restore(List<PendingDecision> decisions, Instant now) {
        return inventory.restore(decisions, now);
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
