package io.graphium.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.HealthCheck;
import io.graphium.agent.core.Mount;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates a {@link ContainerRequest} into Docker's create call. */
final class ContainerCreation {

    private ContainerCreation() {
    }

    /**
     * The create command for {@code request}: its name, labels, environment, command, ports published on
     * {@code bindAddress}, mounts, CPU and memory limits, restart policy, a Docker HEALTHCHECK for a COMMAND check,
     * and an init process as PID 1 (so that a program that
     * ignores SIGTERM, like busybox httpd, still stops at once, and zombies are reaped).
     */
    static CreateContainerCmd command(DockerClient client, ContainerRequest request, Map<String, String> labels,
                                      String bindAddress) {
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortBinding port : request.ports()) {
            ExposedPort containerPort = new ExposedPort(port.containerPort(),
                    InternetProtocol.parse(port.protocol().docker()));
            exposed.add(containerPort);
            if (port.published()) {
                bindings.bind(containerPort, Ports.Binding.bindIpAndPort(bindAddress, port.hostPort()));
            }
        }
        HostConfig host = HostConfig.newHostConfig()
                .withInit(true)
                .withPortBindings(bindings)
                .withMounts(request.mounts().stream().map(ContainerCreation::mount).toList());
        host.withRestartPolicy(restartPolicy(request.restartPolicy()));
        if (request.cpuCores() != null && request.cpuCores() > 0) {
            host.withNanoCPUs(Math.round(request.cpuCores() * 1e9));
        }
        if (request.memoryBytes() != null && request.memoryBytes() > 0) {
            host.withMemory(request.memoryBytes());
        }
        CreateContainerCmd create = client.createContainerCmd(request.image())
                .withName(request.dockerName())
                .withLabels(labels)
                .withEnv(request.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withHostConfig(host);
        if (!request.command().isEmpty()) {
            create.withCmd(request.command());
        }
        HealthCheck check = request.healthCheck();
        if (check != null && check.type() == HealthCheck.Type.COMMAND) {
            create.withHealthcheck(new com.github.dockerjava.api.model.HealthCheck()
                    .withTest(java.util.stream.Stream.concat(java.util.stream.Stream.of("CMD"), check.command().stream())
                            .toList())
                    .withInterval(check.interval().toNanos())
                    .withTimeout(check.timeout().toNanos())
                    .withRetries(check.retries())
                    .withStartPeriod(check.startPeriod().toNanos()));
        }
        return create;
    }

    private static com.github.dockerjava.api.model.RestartPolicy restartPolicy(RestartPolicy policy) {
        return switch (policy.mode()) {
            case NO -> com.github.dockerjava.api.model.RestartPolicy.noRestart();
            case ON_FAILURE -> com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(policy.maxRetries());
            case ALWAYS -> com.github.dockerjava.api.model.RestartPolicy.alwaysRestart();
            case UNLESS_STOPPED -> com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart();
        };
    }

    private static com.github.dockerjava.api.model.Mount mount(Mount mount) {
        com.github.dockerjava.api.model.Mount docker = new com.github.dockerjava.api.model.Mount()
                .withType(switch (mount.type()) {
                    case VOLUME -> MountType.VOLUME;
                    case BIND -> MountType.BIND;
                    case TMPFS -> MountType.TMPFS;
                })
                .withTarget(mount.target())
                .withReadOnly(mount.readOnly());
        return mount.source() == null ? docker : docker.withSource(mount.source());
    }
}
