package io.graphium.placement.core.inventory;

import io.graphium.hosts.HostStatus;
import io.graphium.hosts.HostStatusRule;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostInfo;
import io.graphium.placement.core.model.HostLiveState;
import io.graphium.placement.core.model.HostPort;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One host as placement sees it: what its latest report said, an operator's status override, and the reservations
 * of decisions not yet confirmed. Filters and scorers read it; only the {@link Inventory} changes it, and every change
 * is passed on to the {@link HostRanking}. Kept as primitive fields (milli-cores, bytes, a sorted array of port keys)
 * because filters read it for many hosts and every container.
 */
public final class HostState {

    private final RankEntry rank = new RankEntry(this);
    private final HostRanking ranking;

    private HostInfo info;
    private HostStatus reportedStatus;
    private HostStatus operatorStatus;
    private long reportedAtMillis;
    private long heardAtMillis;
    private boolean agentManaged;
    private boolean silent;

    // Live state from the latest heartbeat; zero until one arrives.
    private long usedMilliCpu;
    private long usedMemory;
    private int runningContainers;
    private int[] portsInUse = new int[0];
    private Set<ContainerKey> reportedContainers = Set.of();

    // Sums of the reservations held on this host (see Reservation).
    private long reservedMilliCpu;
    private long reservedMemory;
    private int reservedContainers;
    private final Map<Integer, ContainerKey> reservedPorts = new HashMap<>();

    HostState(HostInfo info, HostStatus status, Instant reportedAt, HostRanking ranking) {
        this.ranking = ranking;
        describe(info, status, reportedAt);
    }

    public String id() {
        return info.id();
    }

    public HostInfo info() {
        return info;
    }

    /** What the host last reported (or was registered with). */
    public HostStatus reportedStatus() {
        return reportedStatus;
    }

    /**
     * An operator's MAINTENANCE or OFFLINE override, or null when there is none. The effective status is
     * {@link HostStatusRule}'s: {@code ActiveHostFilter} asks it.
     */
    public HostStatus operatorStatus() {
        return operatorStatus;
    }

    /** When the latest report applied to this host occurred (by the reporter's clock; orders reports). */
    public long reportedAtMillis() {
        return reportedAtMillis;
    }

    /** When the placement service last heard from this host, by its own clock: the host TTL counts from here. */
    public long heardAtMillis() {
        return heardAtMillis;
    }

    /** True once an agent reported this host: then it goes offline when its heartbeats stop. */
    public boolean agentManaged() {
        return agentManaged;
    }

    public long cpuCapacityMilli() {
        return info.cpus() * 1000L;
    }

    /** CPU not used (per heartbeat) nor reserved, in milli-cores; never negative. */
    public long freeMilliCpu() {
        return Math.max(0, cpuCapacityMilli() - usedMilliCpu - reservedMilliCpu);
    }

    public long memoryCapacity() {
        return info.memoryBytes();
    }

    /** Memory not used (per heartbeat) nor reserved, in bytes; never negative. */
    public long freeMemory() {
        return Math.max(0, memoryCapacity() - usedMemory - reservedMemory);
    }

    /** Running containers plus those reserved here and not yet running. */
    public int containerCount() {
        return runningContainers + reservedContainers;
    }

    /** True when the latest heartbeat lists this port as bound. */
    public boolean portInUse(HostPort port) {
        return Arrays.binarySearch(portsInUse, port.key()) >= 0;
    }

    /** The container a pending decision reserved this port for, or null. */
    public ContainerKey portReservedFor(HostPort port) {
        return reservedPorts.get(port.key());
    }

    /** True when the latest heartbeat lists this container (it runs here, or at least exists here). */
    public boolean reports(ContainerKey container) {
        return reportedContainers.contains(container);
    }

    RankEntry rank() {
        return rank;
    }

    /** Whether the ranking index should hold this host: not found silent by the last sweep, and otherwise ACTIVE. */
    boolean rankable() {
        return !silent && HostStatusRule.unlessSilent(operatorStatus, reportedStatus) == HostStatus.ACTIVE;
    }

    boolean silent() {
        return silent;
    }

    void silent(boolean value) {
        silent = value;
        ranking.update(this);
    }

    void describe(HostInfo newInfo, HostStatus newStatus, Instant reportedAt) {
        info = newInfo;
        reportedStatus = newStatus;
        reportedAtMillis = reportedAt.toEpochMilli();
    }

    void heard(Instant receivedAt, boolean fromAgent) {
        heardAtMillis = receivedAt.toEpochMilli();
        agentManaged |= fromAgent;
    }

    void operatorStatus(HostStatus status) {
        operatorStatus = status;
        ranking.update(this);
    }

    void updateLive(HostLiveState live) {
        usedMilliCpu = Math.round(live.cpuUsedCores() * 1000);
        usedMemory = live.memoryUsedBytes();
        runningContainers = live.containersRunning();
        portsInUse = live.portsInUse().stream().mapToInt(HostPort::key).sorted().distinct().toArray();
        reportedContainers = live.containers();
    }

    /** Passes the changes of a report on to the ranking (reports change several fields at once). */
    void reindex() {
        ranking.update(this);
    }

    void add(Reservation reservation) {
        reservedMilliCpu += reservation.milliCpu();
        reservedMemory += reservation.memoryBytes();
        reservedContainers++;
        for (int port : reservation.portKeys()) {
            reservedPorts.put(port, reservation.key());
        }
        ranking.update(this);
    }

    void remove(Reservation reservation) {
        reservedMilliCpu -= reservation.milliCpu();
        reservedMemory -= reservation.memoryBytes();
        reservedContainers--;
        for (int port : reservation.portKeys()) {
            reservedPorts.remove(port, reservation.key());
        }
        ranking.update(this);
    }
}
