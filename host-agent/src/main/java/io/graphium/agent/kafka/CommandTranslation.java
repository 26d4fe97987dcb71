package io.graphium.agent.kafka;

import io.graphium.admission.Admission;
import io.graphium.admission.ContainerSpec.MountSpec;
import io.graphium.admission.Violation;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.Diagnosis;
import io.graphium.agent.core.HealthCheck;
import io.graphium.agent.core.Mount;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.Protocol;
import io.graphium.agent.core.RestartPolicy;
import io.graphium.events.ContainerSpec;
import io.graphium.events.DeployContainer;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.SealedValue;
import io.graphium.events.VolumeMount;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    static Deploy deploy(DeployContainer command, SecretOpener secrets, Admission admission) {
        return deploy(command.getCommandId(), command.getSpec(), secrets, admission);
    }

    /**
     * A deploy of {@code spec} by command {@code commandId} (a DeployContainer's, or a desired-state record's). The
     * host's own admission policy is checked first, before any secret is opened or Docker is asked anything: the
     * agent runs nothing its operator's policy refuses, whoever sent the command.
     */
    static Deploy deploy(String commandId, ContainerSpec spec, SecretOpener secrets, Admission admission) {
        ContainerRef ref = ref(spec);
        List<Violation> violations = admission.checkContainer(admissionView(spec));
        if (!violations.isEmpty()) {
            return new Deploy(ref, null, ref.describe() + " was refused by this host's admission policy: "
                    + violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; ")));
        }
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
            List<PortBinding> ports = spec.getPorts().stream().map(p -> new PortBinding(p.getContainerPort(),
                    p.getHostPort(), Protocol.valueOf(p.getProtocol().name()))).toList();
            return new Deploy(ref, new ContainerRequest(ref, commandId, spec.getDockerName(),
                    spec.getImage(),
                    ports,
                    environment,
                    spec.getVolumeMounts().stream().map(CommandTranslation::mount).toList(),
                    spec.getCommand(),
                    spec.getResources() == null ? null : spec.getResources().getCpuCores(),
                    spec.getResources() == null ? null : spec.getResources().getMemoryBytes(),
                    spec.getLabels(),
                    restartPolicy(spec.getRestartPolicy()),
                    spec.getHealthCheck() == null ? null : healthCheck(spec.getHealthCheck(), ports)), null);
        } catch (IllegalArgumentException e) {
            return new Deploy(ref, null, ref.describe() + " was not deployed: " + e.getMessage());
        }
    }

    /** What the admission policy looks at; sealed values count with their sealed text. */
    private static io.graphium.admission.ContainerSpec admissionView(ContainerSpec spec) {
        Map<String, String> environment = new LinkedHashMap<>();
        spec.getEnvironment().forEach(v -> environment.put(v.getName(),
                v.getValue() == null ? "" : v.getValue().toString()));
        List<MountSpec> mounts = spec.getVolumeMounts().stream().map(m -> new MountSpec(
                MountSpec.Type.valueOf(m.getType().name()), m.getSource(), m.getTarget(), m.getReadOnly())).toList();
        return new io.graphium.admission.ContainerSpec(spec.getContainerName(), spec.getImage(), mounts, environment,
                spec.getLabels());
    }

    private static RestartPolicy restartPolicy(io.graphium.events.RestartPolicy policy) {
        return policy == null ? RestartPolicy.NONE
                : new RestartPolicy(RestartPolicy.Mode.valueOf(policy.getMode().name()), policy.getMaxRetries());
    }

    /** HTTP and TCP checks probe the host port the checked container port is published on. */
    private static HealthCheck healthCheck(io.graphium.events.HealthCheck check, List<PortBinding> ports) {
        HealthCheck.Type type = HealthCheck.Type.valueOf(check.getType().name());
        int hostPort = 0;
        if (type != HealthCheck.Type.COMMAND) {
            List<PortBinding> published = ports.stream().filter(PortBinding::published)
                    .filter(p -> check.getPort() == null || p.containerPort() == check.getPort()).toList();
            if (published.size() != 1) {
                throw new IllegalArgumentException("its " + type + " health check " + (check.getPort() == null
                        ? "names no port and the container does not publish exactly one"
                        : "checks container port " + check.getPort() + ", which is not published on the host"));
            }
            hostPort = published.get(0).hostPort();
        }
        return new HealthCheck(type, check.getCommand(), check.getPath(), hostPort,
                Duration.ofMillis(check.getIntervalMillis()), Duration.ofMillis(check.getTimeoutMillis()),
                check.getRetries(), Duration.ofMillis(check.getStartPeriodMillis()));
    }

    private static Mount mount(VolumeMount mount) {
        return new Mount(Mount.Type.valueOf(mount.getType().name()), mount.getSource(), mount.getTarget(),
                mount.getReadOnly());
    }
}
