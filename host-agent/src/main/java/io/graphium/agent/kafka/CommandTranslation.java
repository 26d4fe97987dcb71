package io.graphium.agent.kafka;

import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.Diagnosis;
import io.graphium.agent.core.Mount;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.Protocol;
import io.graphium.events.ContainerSpec;
import io.graphium.events.DeployContainer;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.SealedValue;
import io.graphium.events.VolumeMount;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the command contracts into the core's terms. */
final class CommandTranslation {

    private CommandTranslation() {
    }

    /** The outcome of reading a deploy command: a request to carry out, or why it cannot be. */
    record Deploy(ContainerRef ref, ContainerRequest request, String rejection) {
    }

    static ContainerRef ref(ContainerSpec spec) {
        return new ContainerRef(spec.getStackId(), spec.getDeploymentId(), spec.getContainerName());
    }

    static Deploy deploy(DeployContainer command, SecretOpener secrets) {
        ContainerSpec spec = command.getSpec();
        ContainerRef ref = ref(spec);
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvironmentVariable variable : spec.getEnvironment()) {
            Object value = variable.getValue();
            if (value instanceof SealedValue sealed) {
                try {
                    environment.put(variable.getName(), secrets.open(sealed));
                } catch (RuntimeException e) {
                    return new Deploy(ref, null, Diagnosis.unsealable(ref, variable.getName(), e.getMessage()));
                }
            } else {
                environment.put(variable.getName(), value == null ? "" : value.toString());
            }
        }
        try {
            return new Deploy(ref, new ContainerRequest(ref, command.getCommandId(), spec.getDockerName(),
                    spec.getImage(),
                    spec.getPorts().stream().map(p -> new PortBinding(p.getContainerPort(), p.getHostPort(),
                            Protocol.valueOf(p.getProtocol().name()))).toList(),
                    environment,
                    spec.getVolumeMounts().stream().map(CommandTranslation::mount).toList(),
                    spec.getCommand(),
                    spec.getResources() == null ? null : spec.getResources().getCpuCores(),
                    spec.getResources() == null ? null : spec.getResources().getMemoryBytes(),
                    spec.getLabels()), null);
        } catch (IllegalArgumentException e) {
            return new Deploy(ref, null, ref.describe() + " was not deployed: " + e.getMessage());
        }
    }

    private static Mount mount(VolumeMount mount) {
        return new Mount(Mount.Type.valueOf(mount.getType().name()), mount.getSource(), mount.getTarget(),
                mount.getReadOnly());
    }
}
