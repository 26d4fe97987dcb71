package io.graphium.orchestrator.core;

import java.util.List;
import java.util.Map;

/**
 * One container of a stack (an {@code itemListElement}).
 *
 * @param position    optional label from the definition; start order comes from {@code dependsOn} only
 * @param environment variables in definition order
 * @param healthCheck null when the image's own health check (or none) applies
 * @param dependsOn   merged from {@code requirements}, {@code softwareRequirements} and {@code dependsOn}
 * @param resources   null = the documented default reservation
 * @param restartPolicy null = NO: the agent, not Docker, brings containers back
 */
public record ContainerDefinition(String name, Integer position, String image, List<PortMapping> ports,
                                  Map<String, EnvValue> environment, List<VolumeMount> volumeMounts,
                                  HealthCheck healthCheck, List<String> command, List<Dependency> dependsOn,
                                  Resources resources, RestartPolicy restartPolicy) {

    public ContainerDefinition {
        ports = Immutable.list(ports);
        environment = Immutable.map(environment);
        volumeMounts = Immutable.list(volumeMounts);
        command = Immutable.list(command);
        dependsOn = Immutable.list(dependsOn);
    }

    /** This container with another environment (resolved for its deployment). */
    public ContainerDefinition withEnvironment(Map<String, EnvValue> resolved) {
        return new ContainerDefinition(name, position, image, ports, resolved, volumeMounts, healthCheck, command,
                dependsOn, resources, restartPolicy);
    }

    /** How messages name the container at {@code itemListElement[index]}: by name, or by place when it has none. */
    static String label(String name, int index) {
        return name == null || name.isBlank() ? "container at itemListElement[" + index + "]"
                : "container '" + name + "'";
    }
}
