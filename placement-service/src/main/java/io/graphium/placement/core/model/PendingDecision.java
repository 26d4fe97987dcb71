package io.graphium.placement.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One container of a decision taken before this process started (read back from the results topic), whose
 * reservation must stand again until its container is reported or the reservation TTL passes.
 *
 * @param reservation what the container reserves (declared, or {@link Resources#DEFAULT_RESERVATION})
 * @param ports       the host ports it occupies
 * @param decidedAt   when the decision was taken: the reservation expires a TTL after this
 */
public record PendingDecision(ContainerKey container, String hostId, Resources reservation, List<HostPort> ports,
                              Instant decidedAt) {

    public PendingDecision {
        ports = List.copyOf(ports);
    }
}
