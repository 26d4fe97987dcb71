package io.graphium.orchestrator.application;

import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;

/**
 * What the orchestrator keeps of one stack: its deployment, the definition that deployment was accepted from
 * ({@code null} when it could not be read, e.g. sealed with a key this orchestrator no longer has) and the deploy
 * request's options.
 */
public record StackState(StackDeployment deployment, StackDefinition definition, DeployOptions options) {

    public String stackId() {
        return deployment.stackId();
    }
}
