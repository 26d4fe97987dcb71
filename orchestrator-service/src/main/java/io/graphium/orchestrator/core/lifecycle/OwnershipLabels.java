package io.graphium.orchestrator.core.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels on every container Graphium creates: how agents and operators recognize what belongs to which stack. */
public final class OwnershipLabels {

    public static final String MANAGED = "io.graphium.managed";
    public static final String STACK = "io.graphium.stack";
    public static final String CONTAINER = "io.graphium.container";
    public static final String DEPLOYMENT = "io.graphium.deployment";
    public static final String COMMAND = "io.graphium.command";
    public static final String HOST = "io.graphium.host";

    private OwnershipLabels() {
    }

    static Map<String, String> of(String stackId, String containerName, String deploymentId, String commandId,
                                  String hostId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(STACK, stackId);
        labels.put(CONTAINER, containerName);
        labels.put(DEPLOYMENT, deploymentId);
        labels.put(COMMAND, commandId);
        labels.put(HOST, hostId);
        return labels;
    }
}
