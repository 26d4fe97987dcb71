package io.graphium.placement.core.filter;

import io.graphium.hosts.HostStatus;
import io.graphium.hosts.HostStatusRule;
import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;
import java.time.Duration;

/**
 * Only hosts whose effective status is ACTIVE take containers ({@link HostStatusRule}, shared with the orchestrator):
 * an operator's MAINTENANCE or OFFLINE overrides what the agent reports; a host run by an agent and not heard from
 * within the host TTL (by the placement service's clock) is offline even though its last report said active; a host
 * registered by hand has no heartbeats and is not subject to the TTL.
 */
public final class ActiveHostFilter implements HostFilter {

    public static final String REASON = "host not active";

    private final HostStatusRule rule;

    public ActiveHostFilter(Duration hostTtl) {
        this.rule = new HostStatusRule(hostTtl);
    }

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        long now = context.nowMillis();
        return switch (rule.basis(host.operatorStatus(), host.agentManaged(), host.heardAtMillis(), now)) {
            case OPERATOR -> new Rejection(REASON, "not active (" + host.operatorStatus().label() + " by operator)");
            case SILENT -> new Rejection(REASON, "not active (offline: no heartbeat for "
                    + (now - host.heardAtMillis()) / 1000 + " s)");
            case REPORTED -> host.reportedStatus() == HostStatus.ACTIVE ? FilterResult.PASS
                    : new Rejection(REASON, "not active (" + host.reportedStatus().label() + ")");
        };
    }
}
