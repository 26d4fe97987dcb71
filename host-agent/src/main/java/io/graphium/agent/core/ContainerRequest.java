package io.graphium.agent.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to create one container, fully resolved (secrets opened, endpoints injected).
 *
 * @param commandId   the deploy command that asks for it (recorded as a label)
 * @param dockerName  the Docker container name; ownership is decided by labels, never by this name
 * @param environment resolved variables in definition order
 * @param cpuCores    CPU limit in cores, null for none
 * @param memoryBytes memory limit, null for none
 * @param labels      the definition's own labels; the ownership labels are added on top
 * @param restartPolicy Docker's restart policy ({@link RestartPolicy#NONE} when null)
 * @param healthCheck its health check, null for none
 */
public record ContainerRequest(ContainerRef ref, String commandId, String dockerName, String image,
                               List<PortBinding> ports, Map<String, String> environment, List<Mount> mounts,
                               List<String> command, Double cpuCores, Long memoryBytes, Map<String, String> labels,
                               RestartPolicy restartPolicy, HealthCheck healthCheck) {

    public ContainerRequest {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commandId, "commandId");
        if (dockerName == null || dockerName.length() < 2) {
            throw new IllegalArgumentException("docker name '" + dockerName + "' of " + ref.describe()
                    + " must have at least 2 characters");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException(ref.describe() + " has no image");
        }
        ports = ports == null ? List.of() : List.copyOf(ports);
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        command = command == null ? List.of() : List.copyOf(command);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        restartPolicy = restartPolicy == null ? RestartPolicy.NONE : restartPolicy;
    }

    /** A request without restart policy and health check. */
    public ContainerRequest(ContainerRef ref, String commandId, String dockerName, String image,
                            List<PortBinding> ports, Map<String, String> environment, List<Mount> mounts,
                            List<String> command, Double cpuCores, Long memoryBytes, Map<String, String> labels) {
        this(ref, commandId, dockerName, image, ports, environment, mounts, command, cpuCores, memoryBytes, labels,
                null, null);
    }

    /** The labels the container is created with: the definition's labels, then the ownership labels (which win). */
    public Map<String, String> allLabels(String hostId) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(OwnershipLabels.of(ref, commandId, hostId));
        if (healthCheck != null && healthCheck.probedByAgent()) {
            all.put(HealthCheck.LABEL, healthCheck.toLabel());
        }
        return all;
    }
}
