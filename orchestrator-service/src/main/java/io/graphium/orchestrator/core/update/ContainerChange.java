package io.graphium.orchestrator.core.update;

import java.util.List;

/**
 * What an update does to one container of a running stack, and why.
 *
 * @param container the container's name
 * @param kind      unchanged, changed (recreated), added or removed
 * @param reasons   one short phrase per difference, in a fixed field order (e.g. "image postgres:15 -> postgres:16",
 *                  "POSTGRES_ENDPOINT 10.0.0.2:5432 -> 10.0.0.3:5432 (postgres moved)"); empty when unchanged.
 *                  Secret values are never shown, only that they changed
 */
public record ContainerChange(String container, Kind kind, List<String> reasons) {

    /** What happens to the container. */
    public enum Kind {
        /** Left as it is: same Docker container before and after. */
        UNCHANGED,
        /** Replaced by a new container with the new settings. */
        CHANGED,
        /** New in the definition: started. */
        ADDED,
        /** Gone from the definition: stopped and removed. */
        REMOVED
    }

    public ContainerChange {
        reasons = List.copyOf(reasons);
    }

    /** Whether the update creates a new container for this entry (changed or added). */
    public boolean createsContainer() {
        return kind == Kind.CHANGED || kind == Kind.ADDED;
    }

    /** One line for a plan: "api: recreated (POSTGRES_ENDPOINT ... (postgres moved))". */
    public String describe() {
        return switch (kind) {
            case UNCHANGED -> container + ": unchanged";
            case CHANGED -> container + ": recreated (" + String.join("; ", reasons) + ")";
            case ADDED -> container + ": added";
            case REMOVED -> container + ": removed";
        };
    }
}
