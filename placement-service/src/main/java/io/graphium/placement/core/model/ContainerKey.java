package io.graphium.placement.core.model;

/** Identifies one container of one deployment across placement decisions and agent heartbeats. */
public record ContainerKey(String stackId, String deploymentId, String containerName) {

    @Override
    public String toString() {
        return stackId + "/" + containerName;
    }
}
