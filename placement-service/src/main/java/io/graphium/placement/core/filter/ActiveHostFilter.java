package io.graphium.placement.core.filter;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostStatus;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;
import java.time.Duration;

/**
 * Only ACTIVE hosts take containers. An operator's MAINTENANCE or OFFLINE overrides what the agent reports. A host run
 * by an agent must also have been heard from within the host TTL (by the placement service's clock): a host whose
 * heartbeats stopped is offline even though its last report said active. A host registered by hand has no
 * heartbeats and is not subject to the TTL.
 */
public final class ActiveHostFilter implements HostFilter {

    public static final String REASON = "host not active";

    private final long hostTtlMillis;

    public ActiveHostFilter(Duration hostTtl) {
        this.hostTtlMillis = hostTtl.toMillis();
    }

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        if (host.status() != HostStatus.ACTIVE) {
            return new Rejection(REASON, "not active (" + host.status().label()
                    + (host.statusSetByOperator() ? " by operator" : "") + ")");
        }
        long silentMillis = context.nowMillis() - host.heardAtMillis();
        if (host.agentManaged() && silentMillis > hostTtlMillis) {
            return new Rejection(REASON, "not active (offline: no heartbeat for " + silentMillis / 1000 + " s)");
        }
        return FilterResult.PASS;
    }
}
