package io.graphium.placement.core.filter;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;
import java.util.Map;
import java.util.TreeMap;

/** The host carries every label of the container's constraint, with the same value. */
public final class LabelsFilter implements HostFilter {

    public static final String REASON = "label mismatch";

    @Override
    public FilterResult check(ContainerDemand container, HostState host, PlacementContext context) {
        Map<String, String> required = container.constraint().labels();
        if (required.isEmpty() || host.info().labels().entrySet().containsAll(required.entrySet())) {
            return FilterResult.PASS;
        }
        // Report the first missing label by key, so the same request always explains itself the same way.
        for (Map.Entry<String, String> label : new TreeMap<>(required).entrySet()) {
            String actual = host.info().labels().get(label.getKey());
            if (!label.getValue().equals(actual)) {
                String wanted = label.getKey() + "=" + label.getValue();
                return new Rejection(REASON, actual == null
                        ? "label " + label.getKey() + " missing, needs " + wanted
                        : "label " + label.getKey() + "=" + actual + " is not " + wanted);
            }
        }
        return FilterResult.PASS;
    }
}
