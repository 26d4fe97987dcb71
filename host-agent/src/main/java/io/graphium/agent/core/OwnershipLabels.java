package io.graphium.agent.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels that make a container Graphium's: the agent finds its containers by these labels only, never by
 * name, so a container someone else named {@code shop-web} is never touched, and a restarted agent finds its own.
 */
public final class OwnershipLabels {

    public static final String MANAGED = "io.graphium.managed";
    public static final String STACK = "io.graphium.stack";
    public static final String CONTAINER = "io.graphium.container";
    public static final String DEPLOYMENT = "io.graphium.deployment";
    public static final String COMMAND = "io.graphium.command";
    /** The host id of the agent that created it (informational: the daemon, not the id, decides what is ours). */
    public static final String HOST = "io.graphium.host";

    private OwnershipLabels() {
    }

    /** The ownership labels of a container created for {@code ref} by command {@code commandId}. */
    public static Map<String, String> of(ContainerRef ref, String commandId, String hostId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(STACK, ref.stackId());
        labels.put(CONTAINER, ref.containerName());
        labels.put(DEPLOYMENT, ref.deploymentId());
        labels.put(COMMAND, commandId);
        labels.put(HOST, hostId);
        return labels;
    }

    /** The labels of a named volume the agent creates for {@code stackId}: the stack's own, removed with it. */
    public static Map<String, String> ofVolume(String stackId, String hostId) {
        return Map.of(MANAGED, "true", STACK, stackId, HOST, hostId);
    }

    /** The labels to filter by to find the named volumes the agent created for {@code stackId}. */
    public static Map<String, String> stackVolumeFilter(String stackId) {
        return Map.of(MANAGED, "true", STACK, stackId);
    }

    /** The labels to filter by to find every container of one stack slot (any deployment). */
    public static Map<String, String> slotFilter(String stackId, String containerName) {
        return Map.of(MANAGED, "true", STACK, stackId, CONTAINER, containerName);
    }

    /** The label to filter by to find every container the agent manages. */
    public static Map<String, String> managedFilter() {
        return Map.of(MANAGED, "true");
    }

    /** The container these labels identify, when they are complete Graphium ownership labels. */
    public static Optional<ContainerRef> refOf(Map<String, String> labels) {
        if (labels == null || !"true".equals(labels.get(MANAGED))) {
            return Optional.empty();
        }
        String stack = labels.get(STACK);
        String container = labels.get(CONTAINER);
        String deployment = labels.get(DEPLOYMENT);
        if (stack == null || container == null || deployment == null) {
            return Optional.empty();
        }
        return Optional.of(new ContainerRef(stack, deployment, container));
    }
}
