package io.graphium.hosts;

import java.util.Locale;

/**
 * A host's status, as its agent reports it, as it was registered by hand, or as an operator set it. Only ACTIVE hosts
 * receive placements. The same symbols as the event contracts' {@code io.graphium.events.HostStatus}; services map
 * between the two by name at their edges.
 */
public enum HostStatus {
    ACTIVE, DEGRADED, MAINTENANCE, OFFLINE;

    /** {@code maintenance}: the name as a word in a sentence. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
