package io.graphium.orchestrator.core;

import java.util.List;

/**
 * The order in which a stack's containers may start: wave n starts once every container of the earlier waves runs
 * (or is healthy, where its dependants wait for health). Containers of one wave are independent and start in
 * parallel; within a wave they are listed in definition order. {@code position} plays no part: only dependencies do.
 *
 * @param waves container names, wave by wave
 */
public record DeploymentWaves(List<List<String>> waves) {

    public DeploymentWaves {
        waves = waves.stream().map(List::copyOf).toList();
    }

    /** Throws {@link IllegalArgumentException} for an unknown dependency or a cycle: validate first. */
    public static DeploymentWaves of(StackDefinition definition) {
        return new DeploymentWaves(new DependencyGraph(definition).waves());
    }
}
