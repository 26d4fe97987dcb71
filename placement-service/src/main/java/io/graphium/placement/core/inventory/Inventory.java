package io.graphium.placement.core.inventory;

import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The hosts placement knows (from registrations and heartbeats) and the reservations of decisions not yet confirmed
 * by a heartbeat. Not thread-safe: {@code PlacementEngine} serializes every access, which is what makes a decision
 * and its reservations atomic.
 *
 * <p>Sized for many hosts and many decisions per second: hosts are kept in an array sorted by id (rebuilt only when a
 * host joins or leaves), reservations are found by container key in O(1) and expire in FIFO order (one TTL for all).
 */
public final class Inventory {

    private final Duration reservationTtl;
    private final Map<String, HostState> hostsById = new HashMap<>();
    private List<HostState> hostsInIdOrder = List.of();
    private final Map<ContainerKey, Reservation> committed = new HashMap<>();
    private final Queue<Reservation> byExpiry = new ArrayDeque<>();

    public Inventory(Duration reservationTtl) {
        this.reservationTtl = reservationTtl;
    }

    /**
     * Applies a registration or heartbeat unless a later report of that host was applied already. A heartbeat that
     * lists a container confirms (releases) that container's reservation: from then on the heartbeat's own usage and
     * ports account for it.
     *
     * @return false when the report was older than what the inventory holds
     */
    public boolean apply(HostReport report) {
        HostState host = hostsById.get(report.host().id());
        if (host == null) {
            host = new HostState(report.host(), report.status(), report.occurredAt());
            hostsById.put(host.id(), host);
            sortHosts();
        } else if (report.occurredAt().toEpochMilli() < host.reportedAtMillis()) {
            return false;
        } else {
            host.describe(report.host(), report.status(), report.occurredAt());
        }
        if (report.live() != null) {
            host.updateLive(report.live());
            report.live().containers().forEach(this::confirm);
        }
        return true;
    }

    /** Forgets a host (its record was deleted); its reservations go with it. */
    public void remove(String hostId) {
        HostState removed = hostsById.remove(hostId);
        if (removed != null) {
            committed.values().removeIf(reservation -> reservation.host() == removed);
            sortHosts();
        }
    }

    /** Every host, sorted by id: the order candidates are evaluated in, so that ties go to the lowest id. */
    public List<HostState> hosts() {
        return hostsInIdOrder;
    }

    public HostState host(String hostId) {
        return hostsById.get(hostId);
    }

    /**
     * The hosts a container may go to: the one its constraint targets (none if unknown), otherwise every host.
     * A target is a lookup, not a filter, so a manual placement on 5,000 hosts evaluates one.
     */
    public List<HostState> candidatesFor(ContainerDemand container) {
        String target = container.constraint().targetHost();
        if (target == null) {
            return hostsInIdOrder;
        }
        HostState host = hostsById.get(target);
        return host == null ? List.of() : List.of(host);
    }

    /** Takes the container's ports and reservation on {@code host}; visible to every later evaluation at once. */
    public Reservation hold(HostState host, ContainerKey key, ContainerDemand container) {
        int[] ports = container.publishedPorts().stream().mapToInt(HostPort::key).toArray();
        Reservation reservation = new Reservation(key, host, container.reservation().milliCpu(),
                container.reservation().memoryBytes(), ports);
        host.add(reservation);
        return reservation;
    }

    /** Gives back what {@code reservation} took (a dropped decision); harmless when already released. */
    public void release(Reservation reservation) {
        reservation.release();
        committed.remove(reservation.key(), reservation);
    }

    /**
     * Makes held reservations stand until a heartbeat lists their container or the reservation TTL passes. A newer
     * decision for the same container replaces the older one.
     */
    public void commit(Collection<Reservation> reservations, Instant now) {
        long expiresAt = now.plus(reservationTtl).toEpochMilli();
        for (Reservation reservation : reservations) {
            reservation.expiresAt(expiresAt);
            Reservation replaced = committed.put(reservation.key(), reservation);
            if (replaced != null && replaced != reservation) {
                replaced.release();
            }
            byExpiry.add(reservation);
        }
    }

    /** Releases the reservations whose TTL has passed: their container never showed up. */
    public void expireReservations(Instant now) {
        long nowMillis = now.toEpochMilli();
        // One TTL for all, committed in time order: the queue is sorted by expiry.
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtMillis() <= nowMillis) {
            release(byExpiry.poll());
        }
    }

    /** Reservations committed and not yet confirmed, expired or replaced. */
    public int pendingReservations() {
        return committed.size();
    }

    private void confirm(ContainerKey container) {
        Reservation reservation = committed.remove(container);
        if (reservation != null) {
            reservation.release();
        }
    }

    private void sortHosts() {
        HostState[] sorted = hostsById.values().toArray(HostState[]::new);
        Arrays.sort(sorted, Comparator.comparing(HostState::id));
        hostsInIdOrder = List.of(sorted);
    }
}
