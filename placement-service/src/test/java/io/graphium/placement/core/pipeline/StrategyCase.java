package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.PlacementFixtures.HostBuilder;
import io.graphium.placement.core.PlacementFixtures.RequestBuilder;
import java.util.List;

/**
 * One row of a strategy table: these hosts, this request, this outcome ({@code web=host1, db=host2}, or
 * {@code failed: <message>}).
 */
record StrategyCase(String name, List<HostBuilder> hosts, RequestBuilder request, String want) {

    @Override
    public String toString() {
        return name;
    }
}
