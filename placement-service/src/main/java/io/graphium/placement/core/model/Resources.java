package io.graphium.placement.core.model;

/** CPU cores and memory a container reserves on its host. */
public record Resources(double cpuCores, long memoryBytes) {

    /**
     * What a container without declared resources reserves: 0.1 core and 200 MiB, the values the Kubernetes
     * scheduler assumes for a pod without requests. Small enough not to waste hosts, large enough that a stack of
     * undeclared containers still spreads and a host cannot be handed thousands of them.
     */
    public static final Resources DEFAULT_RESERVATION = new Resources(0.1, 200L << 20);

    /** True when neither part is negative ({@code RequestChecks} refuses a request with negative resources). */
    public boolean isValid() {
        return cpuCores >= 0 && memoryBytes >= 0 && Double.isFinite(cpuCores);
    }

    /** CPU in thousandths of a core: the unit the inventory adds and subtracts exactly. */
    public long milliCpu() {
        return Math.round(cpuCores * 1000);
    }
}
