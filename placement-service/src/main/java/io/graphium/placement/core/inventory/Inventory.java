package io.graphium.placement.core.inventory;

import io.graphium.hosts.HostStatus;
import io.graphium.hosts.HostStatusRule;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.PendingDecision;
import io.graphium.placement.core.PlacementSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The hosts placement knows (from registrations, heartbeats and operators' status overrides) and the reservations of
 * decisions not yet confirmed by a heartbeat. Not thread-safe: {@code PlacementEngine} serializes every access, which
 * is what makes a decision and its reservations atomic.
 *
 * <p>Sized for many hosts and many decisions per second: hosts are kept in an array sorted by id (rebuilt only when a
 * host joins or leaves) and in the {@link HostRanking} index; reservations are found by container key in O(1) and
 * kept in commit order, which is expiry order (one TTL for all), so expiring and confirming are O(1) each.
 */
public final class Inventory {

    private static final Comparator<HostState> BY_HEARD_AT =
            Comparator.comparingLong(HostState::heardAtMillis).thenComparing(HostState::id);

    private final Duration reservationTtl;
    private final HostStatusRule hostStatus;
    private final HostRanking ranking = new HostRanking();
    private final Map<String, HostState> hostsById = new HashMap<>();
    private List<HostState> hostsInIdOrder = List.of();
    private final Map<String, HostStatus> operatorStatus = new HashMap<>();
    /** Agent hosts not yet found silent, least recently heard first. */
    private final TreeSet<HostState> byHeardAt = new TreeSet<>(BY_HEARD_AT);
    private long lastSweepMillis = Long.MIN_VALUE;
    /** Committed reservations by container, in commit order = expiry order. */
    private final LinkedHashMap<ContainerKey, Reservation> committed = new LinkedHashMap<>();

    public Inventory(Duration reservationTtl) {
        this(reservationTtl, PlacementSettings.DEFAULT_HOST_TTL);
    }

    public Inventory(Duration reservationTtl, Duration hostTtl) {
        this.reservationTtl = reservationTtl;
        this.hostStatus = new HostStatusRule(hostTtl);
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
            host = new HostState(report.host(), report.status(), report.occurredAt(), ranking);
            host.operatorStatus(operatorStatus.get(host.id()));
            hostsById.put(host.id(), host);
            sortHosts();
        } else if (report.occurredAt().toEpochMilli() < host.reportedAtMillis()) {
            return false;
        } else {
            host.describe(report.host(), report.status(), report.occurredAt());
        }
        byHeardAt.remove(host); // before its heard-at time changes: the set is sorted by it
        host.heard(report.receivedAt(), report.fromAgent());
        if (host.agentManaged()) {
            byHeardAt.add(host);
        }
        if (report.live() != null) {
            host.updateLive(report.live());
            report.live().containers().forEach(this::confirm);
        }
        if (host.silent()) {
            host.silent(false); // heard again: ranked again
        } else {
            host.reindex();
        }
        return true;
    }

    /**
     * An operator's status for a host: MAINTENANCE or OFFLINE keeps it out of placements whatever its agent reports;
     * ACTIVE (or null) removes the override, so the host's own status counts again. Kept for hosts not known yet.
     */
    public void setOperatorStatus(String hostId, HostStatus status) {
        HostStatus override = HostStatusRule.override(status);
        if (override == null) {
            operatorStatus.remove(hostId);
        } else {
            operatorStatus.put(hostId, override);
        }
        HostState host = hostsById.get(hostId);
        if (host != null) {
            host.operatorStatus(override);
        }
    }

    /** Forgets a host (its record was deleted); its reservations go with it. */
    public void remove(String hostId) {
        HostState removed = hostsById.get(hostId);
        if (removed != null) {
            committed.values().removeIf(reservation -> reservation.host() == removed);
            byHeardAt.remove(removed);
            ranking.remove(removed);
            hostsById.remove(hostId);
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

    /** The index of the hosts that can take containers, for searches in rank order. */
    public HostRanking ranking() {
        return ranking;
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
        List<HostPort> published = container.publishedPorts();
        int[] ports = new int[published.size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = published.get(i).key();
        }
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
            Reservation replaced = committed.remove(reservation.key()); // re-inserted last: commit order
            if (replaced != null && replaced != reservation) {
                replaced.release();
            }
            committed.put(reservation.key(), reservation);
        }
    }

    /**
     * Replaces every pending reservation with those of decisions taken before (read back after a restart or when
     * this instance became the active placer): each stands until its container is reported or a TTL after its
     * decision. Decisions already expired, on unknown hosts, or whose container the host already reports are skipped.
     *
     * @return how many reservations stand again
     */
    public int restore(List<PendingDecision> decisions, Instant now) {
        new ArrayList<>(committed.values()).forEach(this::release);
        List<PendingDecision> inDecisionOrder = new ArrayList<>(decisions);
        inDecisionOrder.sort(Comparator.comparing(PendingDecision::decidedAt));
        for (PendingDecision decision : inDecisionOrder) {
            long expiresAt = decision.decidedAt().plus(reservationTtl).toEpochMilli();
            HostState host = hostsById.get(decision.hostId());
            if (expiresAt <= now.toEpochMilli() || host == null || host.reports(decision.container())) {
                continue;
            }
            int[] ports = decision.ports().stream().mapToInt(HostPort::key).toArray();
            Reservation reservation = new Reservation(decision.container(), host,
                    decision.reservation().milliCpu(), decision.reservation().memoryBytes(), ports);
            host.add(reservation);
            reservation.expiresAt(expiresAt);
            Reservation replaced = committed.remove(reservation.key());
            if (replaced != null) {
                replaced.release();
            }
            committed.put(reservation.key(), reservation);
        }
        return committed.size();
    }

    /** Releases the reservations whose TTL has passed: their container never showed up. */
    public void expireReservations(Instant now) {
        long nowMillis = now.toEpochMilli();
        Iterator<Reservation> oldestFirst = committed.values().iterator();
        while (oldestFirst.hasNext()) {
            Reservation reservation = oldestFirst.next();
            if (reservation.expiresAtMillis() > nowMillis) {
                break;
            }
            oldestFirst.remove();
            reservation.release();
        }
    }

    /**
     * Takes agent hosts silent for longer than the host TTL out of the ranking (they would be rejected as offline
     * anyway); a report brings them back. Only an optimization: the active filter still checks every host it sees.
     */
    public void sweepSilentHosts(Instant now) {
        long nowMillis = now.toEpochMilli();
        if (nowMillis < lastSweepMillis) {
            // The clock went back: hosts found silent may not be any more. Rare; start over.
            for (HostState host : hostsInIdOrder) {
                if (host.silent()) {
                    host.silent(false);
                    byHeardAt.add(host);
                }
            }
        }
        lastSweepMillis = nowMillis;
        while (!byHeardAt.isEmpty() && hostStatus.silent(true, byHeardAt.first().heardAtMillis(), nowMillis)) {
            byHeardAt.pollFirst().silent(true);
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
