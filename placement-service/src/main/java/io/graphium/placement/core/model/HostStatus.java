package io.graphium.placement.core.model;

/** Only ACTIVE hosts receive placements. */
public enum HostStatus {
    ACTIVE, DEGRADED, MAINTENANCE, OFFLINE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
