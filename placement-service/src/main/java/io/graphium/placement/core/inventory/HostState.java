package io.graphium.placement.core.inventory;

import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostInfo;
import io.graphium.placement.core.model.HostLiveState;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One host as placement sees it: what its latest report said plus the reservations of decisions not yet confirmed.
 * Filters and scorers read it; only the {@link Inventory} changes it. Kept as primitive fields (milli-cores, bytes,
 * a sorted array of port keys) because filters read it for every host and every container.
 */
public final class HostState {

    private HostInfo info;
    private HostStatus status;
    private long reportedAtMillis;

    // Live state from the latest heartbeat; zero until one arrives.
    private long usedMilliCpu;
    private long usedMemory;
    private int runningContainers;
    private int[] portsInUse = new int[0];

    // Sums of the reservations held on this host (see Reservation).
    private long reservedMilliCpu;
    private long reservedMemory;
    private int reservedContainers;
    private final Map<Integer, ContainerKey> reservedPorts = new HashMap<>();

    HostState(HostInfo info, HostStatus status, Instant reportedAt) {
        describe(info, status, reportedAt);
    }

    public String id() {
        return info.id();
    }

    public HostInfo info() {
        return info;
    }

    /** The status the host last reported; {@code ActiveHostFilter} adds the heartbeat TTL on top. */
    public HostStatus status() {
        return status;
    }

    /** When the latest report applied to this host occurred. */
    public long reportedAtMillis() {
        return reportedAtMillis;
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

    void describe(HostInfo newInfo, HostStatus newStatus, Instant reportedAt) {
        info = newInfo;
        status = newStatus;
        reportedAtMillis = reportedAt.toEpochMilli();
    }

    void updateLive(HostLiveState live) {
        usedMilliCpu = Math.round(live.cpuUsedCores() * 1000);
        usedMemory = live.memoryUsedBytes();
        runningContainers = live.containersRunning();
        portsInUse = live.portsInUse().stream().mapToInt(HostPort::key).sorted().distinct().toArray();
    }

    void add(Reservation reservation) {
        reservedMilliCpu += reservation.milliCpu();
        reservedMemory += reservation.memoryBytes();
        reservedContainers++;
        for (int port : reservation.portKeys()) {
            reservedPorts.put(port, reservation.key());
        }
    }

    void remove(Reservation reservation) {
        reservedMilliCpu -= reservation.milliCpu();
        reservedMemory -= reservation.memoryBytes();
        reservedContainers--;
        for (int port : reservation.portKeys()) {
            reservedPorts.remove(port, reservation.key());
        }
    }
}
