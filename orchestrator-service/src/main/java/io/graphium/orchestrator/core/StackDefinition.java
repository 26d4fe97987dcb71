package io.graphium.orchestrator.core;

import java.util.List;

/**
 * A whole stack definition, typed: what the JSON-LD ItemList says.
 *
 * @param name        stack name
 * @param description optional description
 * @param location    datacenter id: preferred by {@code auto}, required by {@code datacenter}
 * @param deployment  the deployment block (defaults when absent)
 * @param containers  the containers, in definition order (index i is {@code itemListElement[i]})
 * @param volumes     named volumes the stack owns
 */
public record StackDefinition(String name, String description, String location, Deployment deployment,
                              List<ContainerDefinition> containers, List<String> volumes) {

    public StackDefinition {
        deployment = deployment == null ? Deployment.DEFAULT : deployment;
        containers = Immutable.list(containers);
        volumes = Immutable.list(volumes);
    }
}
