package io.graphium.orchestrator.core;

import java.util.List;

/**
 * The deployment block of a stack definition; missing values take the Avro contract's defaults.
 *
 * @param update how a change to the running stack is rolled out
 */
public record Deployment(DeploymentMode mode, PlacementStrategy strategy, NetworkMode networkMode,
                         List<HostConstraint> hostConstraints, UpdatePolicy update) {

    /** What a definition without a deployment block gets. */
    public static final Deployment DEFAULT = new Deployment(null, null, null, null, null);

    public Deployment {
        mode = mode == null ? DeploymentMode.MULTI_HOST : mode;
        strategy = strategy == null ? PlacementStrategy.AUTO : strategy;
        networkMode = networkMode == null ? NetworkMode.HOST_PORT : networkMode;
        hostConstraints = Immutable.list(hostConstraints);
        update = update == null ? UpdatePolicy.DEFAULT : update;
    }
}
