package io.graphium.agent.core;

import java.util.List;

/**
 * One look at everything on the host: the containers the agent manages, every host port bound by any container,
 * and how many containers run in all.
 */
public record HostObservation(List<ManagedContainer> managed, List<PortInUse> portsInUse, int containersRunning) {

    public static final HostObservation EMPTY = new HostObservation(List.of(), List.of(), 0);

    public HostObservation {
        managed = List.copyOf(managed);
        portsInUse = portsInUse.stream().distinct().sorted().toList();
    }

    /** CPU cores reserved (limits) by the managed containers that run. */
    public double reservedCpuCores() {
        return managed.stream().filter(ManagedContainer::running)
                .mapToDouble(c -> c.cpuCores() == null ? 0 : c.cpuCores()).sum();
    }

    /** Memory reserved (limits) by the managed containers that run. */
    public long reservedMemoryBytes() {
        return managed.stream().filter(ManagedContainer::running)
                .mapToLong(c -> c.memoryBytes() == null ? 0 : c.memoryBytes()).sum();
    }
}
