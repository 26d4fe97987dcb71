package io.graphium.placement.core.inventory;

import io.graphium.placement.core.model.ContainerKey;

/**
 * Ports and resources a decision took on a host for one container that its agent has not reported yet. Held while a
 * stack is being placed (so later containers of the stack see it), committed when the decision stands, released when
 * a heartbeat lists the container, when the reservation TTL passes, or when the decision is dropped (dry run,
 * failure).
 */
public final class Reservation {

    private final ContainerKey key;
    private final HostState host;
    private final long milliCpu;
    private final long memoryBytes;
    private final int[] portKeys;
    private long expiresAtMillis = Long.MAX_VALUE;
    private boolean released;

    Reservation(ContainerKey key, HostState host, long milliCpu, long memoryBytes, int[] portKeys) {
        this.key = key;
        this.host = host;
        this.milliCpu = milliCpu;
        this.memoryBytes = memoryBytes;
        this.portKeys = portKeys;
    }

    public ContainerKey key() {
        return key;
    }

    public HostState host() {
        return host;
    }

    long milliCpu() {
        return milliCpu;
    }

    long memoryBytes() {
        return memoryBytes;
    }

    int[] portKeys() {
        return portKeys;
    }

    long expiresAtMillis() {
        return expiresAtMillis;
    }

    void expiresAt(long millis) {
        expiresAtMillis = millis;
    }

    /** Gives the host back what this took; only the first call counts. */
    void release() {
        if (!released) {
            released = true;
            host.remove(this);
        }
    }
}
