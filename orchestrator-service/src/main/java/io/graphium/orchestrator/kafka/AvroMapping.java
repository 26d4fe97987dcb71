package io.graphium.orchestrator.kafka;

import io.graphium.events.ContainerSpec;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.ContainerStatusSummary;
import io.graphium.events.DeployContainer;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.events.HealthStatus;
import io.graphium.events.RemoveContainer;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.events.StartContainer;
import io.graphium.events.StopContainer;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.PlacementRequested;
import io.graphium.events.SealedValue;
import io.graphium.events.KeyRing;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.Dependency;
import io.graphium.orchestrator.core.Deployment;
import io.graphium.orchestrator.core.DeploymentMode;
import io.graphium.orchestrator.core.EnvNames;
import io.graphium.orchestrator.core.EnvValue;
import io.graphium.orchestrator.core.HealthCheck;
import io.graphium.orchestrator.core.HealthCheckType;
import io.graphium.orchestrator.core.HostConstraint;
import io.graphium.orchestrator.core.NetworkMode;
import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PlacementStrategy;
import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.Protocol;
import io.graphium.orchestrator.core.Resources;
import io.graphium.orchestrator.core.RestartPolicy;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.UpdatePolicy;
import io.graphium.orchestrator.core.VolumeMount;
import io.graphium.orchestrator.core.VolumeType;
import io.graphium.orchestrator.core.lifecycle.ContainerCommand;
import io.graphium.orchestrator.core.lifecycle.HistoryEntry;
import io.graphium.orchestrator.core.lifecycle.StackOperations;
import io.graphium.orchestrator.core.lifecycle.ContainerState;
import io.graphium.orchestrator.core.lifecycle.ContainerStatus;
import io.graphium.orchestrator.core.lifecycle.Health;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts between the Avro event contract and the orchestrator's core model, one direction per method. Secret
 * environment values are opened when they come in and sealed when they go out, so they exist in clear text only in
 * this process's memory.
 */
public final class AvroMapping {

    private final KeyRing keys;

    /** {@code keys} may be empty (no key configured): definitions with secrets are then refused, others work. */
    public AvroMapping(KeyRing keys) {
        this.keys = keys;
    }

    private KeyRing sealer(String variable) {
        if (!keys.canSeal()) {
            throw new IllegalStateException("environment variable " + variable + " is a secret, but " + (keys.isEmpty()
                    ? "no sealing key is configured: set graphium.secrets.key-dir (GRAPHIUM_SECRETS_KEY_DIR) or "
                    + "graphium.secrets.sealing-key to the keys the host agents have"
                    : "no key of " + keys.keyIds() + " is active: set graphium.secrets.active-key"));
        }
        return keys;
    }

    private KeyRing opener(String variable) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("environment variable " + variable + " is sealed, but no key is "
                    + "configured: set graphium.secrets.key-dir (GRAPHIUM_SECRETS_KEY_DIR) or "
                    + "graphium.secrets.sealing-key");
        }
        return keys;
    }

    // ---- stack definitions ----------------------------------------------------------------------------------

    public StackDefinition definition(io.graphium.events.StackDefinition avro) {
        io.graphium.events.DeploymentSpec deployment = avro.getDeployment();
        return new StackDefinition(avro.getName(), avro.getDescription(), avro.getLocation(),
                new Deployment(DeploymentMode.valueOf(deployment.getMode().name()),
                        PlacementStrategy.valueOf(deployment.getPlacementStrategy().name()),
                        NetworkMode.valueOf(deployment.getNetworkMode().name()),
                        deployment.getHostConstraints().stream().map(AvroMapping::constraint).toList(),
                        update(deployment.getUpdate())),
                avro.getContainers().stream().map(this::container).toList(), avro.getVolumes());
    }

    public io.graphium.events.StackDefinition definition(StackDefinition core) {
        return io.graphium.events.StackDefinition.newBuilder().setName(core.name())
                .setDescription(core.description()).setLocation(core.location())
                .setDeployment(io.graphium.events.DeploymentSpec.newBuilder()
                        .setMode(io.graphium.events.DeploymentMode.valueOf(core.deployment().mode().name()))
                        .setPlacementStrategy(io.graphium.events.PlacementStrategy.valueOf(
                                core.deployment().strategy().name()))
                        .setNetworkMode(io.graphium.events.NetworkMode.valueOf(core.deployment().networkMode().name()))
                        .setHostConstraints(core.deployment().hostConstraints().stream().map(AvroMapping::constraint)
                                .toList())
                        .setUpdate(update(core.deployment().update()))
                        .build())
                .setContainers(core.containers().stream().map(this::container).toList())
                .setVolumes(core.volumes()).build();
    }

    private static UpdatePolicy update(io.graphium.events.UpdateSpec avro) {
        return avro == null ? UpdatePolicy.DEFAULT : new UpdatePolicy(avro.getParallelism(),
                UpdatePolicy.Order.valueOf(avro.getOrder().name()), Duration.ofMillis(avro.getMinHealthyMillis()),
                Duration.ofMillis(avro.getDeadlineMillis()),
                UpdatePolicy.FailureAction.valueOf(avro.getFailureAction().name()));
    }

    private static io.graphium.events.UpdateSpec update(UpdatePolicy core) {
        return io.graphium.events.UpdateSpec.newBuilder().setParallelism(core.parallelism())
                .setOrder(io.graphium.events.UpdateOrder.valueOf(core.order().name()))
                .setMinHealthyMillis(core.minHealthy().toMillis()).setDeadlineMillis(core.deadline().toMillis())
                .setFailureAction(io.graphium.events.UpdateFailureAction.valueOf(core.failureAction().name()))
                .build();
    }

    private ContainerDefinition container(io.graphium.events.ContainerDefinition avro) {
        return new ContainerDefinition(avro.getName(), avro.getPosition(), avro.getImage(),
                avro.getPorts().stream().map(AvroMapping::port).toList(), environment(avro.getEnvironment()),
                avro.getVolumeMounts().stream().map(AvroMapping::volume).toList(), healthCheck(avro.getHealthCheck()),
                avro.getCommand(), avro.getDependsOn().stream()
                .map(d -> new Dependency(d.getName(), d.getWaitForHealthy())).toList(),
                avro.getResources() == null ? null
                        : new Resources(avro.getResources().getCpuCores(), avro.getResources().getMemoryBytes()),
                restartPolicy(avro.getRestartPolicy()));
    }

    private io.graphium.events.ContainerDefinition container(ContainerDefinition core) {
        return io.graphium.events.ContainerDefinition.newBuilder().setName(core.name()).setPosition(core.position())
                .setImage(core.image()).setPorts(ports(core.ports())).setEnvironment(environment(core.environment()))
                .setVolumeMounts(volumes(core.volumeMounts())).setHealthCheck(healthCheck(core.healthCheck()))
                .setCommand(core.command())
                .setDependsOn(core.dependsOn().stream().map(d -> io.graphium.events.ContainerDependency.newBuilder()
                        .setName(d.name()).setWaitForHealthy(d.waitForHealthy()).build()).toList())
                .setResources(resources(core.resources())).setRestartPolicy(restartPolicy(core.restartPolicy()))
                .build();
    }

    private static RestartPolicy restartPolicy(io.graphium.events.RestartPolicy avro) {
        return avro == null ? null : new RestartPolicy(RestartPolicy.Mode.valueOf(avro.getMode().name()),
                avro.getMaxRetries());
    }

    private static io.graphium.events.RestartPolicy restartPolicy(RestartPolicy core) {
        return core == null ? null : io.graphium.events.RestartPolicy.newBuilder()
                .setMode(io.graphium.events.RestartMode.valueOf(core.mode().name()))
                .setMaxRetries(core.maxRetries()).build();
    }

    private Map<String, EnvValue> environment(List<EnvironmentVariable> avro) {
        Map<String, EnvValue> environment = new LinkedHashMap<>();
        for (EnvironmentVariable variable : avro) {
            // A raw producer marks a plain secret with secret=true (false un-marks); unmarked, the name decides.
            environment.put(variable.getName(), variable.getValue() instanceof SealedValue sealed
                    ? new EnvValue(opener(variable.getName()).open(sealed), true)
                    : new EnvValue(String.valueOf(variable.getValue()), variable.getSecret() != null
                    ? variable.getSecret() : EnvNames.looksSecret(variable.getName())));
        }
        return environment;
    }

    private List<EnvironmentVariable> environment(Map<String, EnvValue> core) {
        return core.entrySet().stream().map(e -> EnvironmentVariable.newBuilder().setName(e.getKey())
                .setValue(e.getValue().secret() ? sealer(e.getKey()).seal(e.getValue().value()) : e.getValue().value())
                // A plain value under a secret-looking name (TOKEN_URL) says so, or reading it again would seal it.
                .setSecret(!e.getValue().secret() && EnvNames.looksSecret(e.getKey()) ? Boolean.FALSE : null)
                .build()).toList();
    }

    private static HostConstraint constraint(io.graphium.events.HostConstraint avro) {
        return new HostConstraint(avro.getContainerName(), avro.getTargetHost(), avro.getRequiredDatacenter(),
                avro.getMinCpu(), avro.getMinMemory(), avro.getLabels());
    }

    private static io.graphium.events.HostConstraint constraint(HostConstraint core) {
        return io.graphium.events.HostConstraint.newBuilder().setContainerName(core.containerName())
                .setTargetHost(core.targetHost()).setRequiredDatacenter(core.requiredDatacenter())
                .setMinCpu(core.minCpu()).setMinMemory(core.minMemory()).setLabels(core.labels()).build();
    }

    private static PortMapping port(io.graphium.events.PortMapping avro) {
        return new PortMapping(avro.getContainerPort(), avro.getHostPort(), Protocol.valueOf(avro.getProtocol().name()));
    }

    private static List<io.graphium.events.PortMapping> ports(List<PortMapping> core) {
        return core.stream().map(p -> io.graphium.events.PortMapping.newBuilder().setContainerPort(p.containerPort())
                .setHostPort(p.hostPort()).setProtocol(io.graphium.events.Protocol.valueOf(p.protocol().name()))
                .build()).toList();
    }

    private static VolumeMount volume(io.graphium.events.VolumeMount avro) {
        return new VolumeMount(VolumeType.valueOf(avro.getType().name()), avro.getSource(), avro.getTarget(),
                avro.getReadOnly());
    }

    private static List<io.graphium.events.VolumeMount> volumes(List<VolumeMount> core) {
        return core.stream().map(v -> io.graphium.events.VolumeMount.newBuilder()
                .setType(io.graphium.events.VolumeType.valueOf(v.type().name())).setSource(v.source())
                .setTarget(v.target()).setReadOnly(v.readOnly()).build()).toList();
    }

    private static HealthCheck healthCheck(io.graphium.events.HealthCheck avro) {
        return avro == null ? null : new HealthCheck(HealthCheckType.valueOf(avro.getType().name()), avro.getCommand(),
                avro.getPath(), avro.getPort(), Duration.ofMillis(avro.getIntervalMillis()),
                Duration.ofMillis(avro.getTimeoutMillis()), avro.getRetries(),
                Duration.ofMillis(avro.getStartPeriodMillis()));
    }

    private static io.graphium.events.HealthCheck healthCheck(HealthCheck core) {
        return core == null ? null : io.graphium.events.HealthCheck.newBuilder()
                .setType(io.graphium.events.HealthCheckType.valueOf(core.type().name())).setCommand(core.command())
                .setPath(core.path()).setPort(core.port()).setIntervalMillis(core.interval().toMillis())
                .setTimeoutMillis(core.timeout().toMillis()).setRetries(core.retries())
                .setStartPeriodMillis(core.startPeriod().toMillis()).build();
    }

    private static io.graphium.events.Resources resources(Resources core) {
        return core == null ? null : io.graphium.events.Resources.newBuilder().setCpuCores(core.cpuCores())
                .setMemoryBytes(core.memoryBytes()).build();
    }

    // ---- placement ------------------------------------------------------------------------------------------

    public static PlacementRequested placementRequested(PlacementRequest request, Instant now) {
        return PlacementRequested.newBuilder().setCommandId(request.commandId())
                .setCausationId(request.causationId()).setRequestedAt(now).setStackId(request.stackId())
                .setDeploymentId(request.deploymentId())
                .setStrategy(io.graphium.events.PlacementStrategy.valueOf(request.strategy().name()))
                .setLocation(request.location())
                .setContainers(request.containers().stream().map(d -> io.graphium.events.ContainerDemand.newBuilder()
                        .setContainerName(d.containerName()).setPorts(ports(d.ports()))
                        .setResources(resources(d.resources()))
                        .setConstraint(d.constraint() == null ? null : constraint(d.constraint())).build()).toList())
                .build();
    }

    public static Map<String, Placement> placements(List<io.graphium.events.ContainerPlacement> avro) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        avro.forEach(p -> placements.put(p.getContainerName(), placement(p)));
        return placements;
    }

    private static Placement placement(io.graphium.events.ContainerPlacement avro) {
        return new Placement(avro.getHostId(), avro.getHostIp(),
                avro.getPorts().stream().map(AvroMapping::port).toList());
    }

    // ---- host agents ----------------------------------------------------------------------------------------

    /** The host command for {@code command}. */
    public SpecificRecord hostCommand(ContainerCommand command, Instant now) {
        return switch (command.action()) {
            case DEPLOY -> DeployContainer.newBuilder().setCommandId(command.commandId())
                    .setCausationId(command.causationId()).setRequestedAt(now).setHostId(command.hostId())
                    .setSpec(containerSpec(command)).build();
            case START -> StartContainer.newBuilder().setCommandId(command.commandId())
                    .setCausationId(command.causationId()).setRequestedAt(now).setHostId(command.hostId())
                    .setStackId(command.stackId()).setDeploymentId(command.deploymentId())
                    .setContainerName(command.containerName()).build();
            case STOP -> StopContainer.newBuilder().setCommandId(command.commandId())
                    .setCausationId(command.causationId()).setRequestedAt(now).setHostId(command.hostId())
                    .setStackId(command.stackId()).setDeploymentId(command.deploymentId())
                    .setContainerName(command.containerName())
                    .setTimeoutSeconds(StackOperations.STOP_TIMEOUT_SECONDS).build();
            case REMOVE -> RemoveContainer.newBuilder().setCommandId(command.commandId())
                    .setCausationId(command.causationId()).setRequestedAt(now).setHostId(command.hostId())
                    .setStackId(command.stackId()).setDeploymentId(command.deploymentId())
                    .setContainerName(command.containerName()).setRemoveVolumes(command.removeVolumes()).build();
        };
    }

    /**
     * The desired state the agent must find before {@code command}: RUNNING with the spec before a deploy or start,
     * STOPPED before a stop, and null (a tombstone) before a removal.
     */
    public DesiredContainer desiredContainer(ContainerCommand command, Instant now) {
        if (command.action() == ContainerCommand.Action.REMOVE) {
            return null;
        }
        return DesiredContainer.newBuilder().setEventId(command.commandId() + ":desired")
                .setCausationId(command.causationId()).setOccurredAt(now).setHostId(command.hostId())
                .setCommandId(command.commandId())
                .setState(command.action() == ContainerCommand.Action.STOP ? DesiredState.STOPPED
                        : DesiredState.RUNNING)
                .setSpec(containerSpec(command)).build();
    }

    private ContainerSpec containerSpec(ContainerCommand command) {
        ContainerDefinition container = command.container();
        return ContainerSpec.newBuilder().setStackId(command.stackId()).setDeploymentId(command.deploymentId())
                .setContainerName(container.name()).setDockerName(command.dockerName())
                .setImage(container.image()).setPorts(ports(container.ports()))
                .setEnvironment(environment(container.environment()))
                .setVolumeMounts(volumes(container.volumeMounts())).setCommand(container.command())
                .setHealthCheck(healthCheck(container.healthCheck()))
                .setResources(resources(container.resources()))
                .setRestartPolicy(restartPolicy(container.restartPolicy())).build();
    }

    /** One history step; its id is derived from the input's, so a replayed input yields the same ids. */
    public static StackHistoryEvent historyEvent(HistoryEntry entry, String eventId, String causationId,
                                                 StackDeployment stack, Instant now, String requestedBy,
                                                 boolean requestedByVerified) {
        return StackHistoryEvent.newBuilder().setEventId(eventId).setCausationId(causationId).setOccurredAt(now)
                .setStackId(stack.stackId()).setDeploymentId(stack.deploymentId())
                .setKind(StackHistoryKind.valueOf(entry.kind().name()))
                .setStatus(io.graphium.events.StackStatus.valueOf(stack.status().name()))
                .setContainerName(entry.containerName()).setHostId(entry.hostId())
                .setContainerState(entry.containerState() == null ? null
                        : io.graphium.events.ContainerState.valueOf(entry.containerState().name()))
                .setHealth(entry.health() == null ? null : HealthStatus.valueOf(entry.health().name()))
                .setMessage(entry.message()).setRequestedBy(requestedBy)
                .setRequestedByVerified(requestedByVerified).build();
    }

    public static ContainerStatus containerStatus(ContainerStatusChanged avro) {
        return new ContainerStatus(avro.getContainerName(), avro.getHostId(),
                ContainerState.valueOf(avro.getState().name()), Health.valueOf(avro.getHealth().name()),
                avro.getDockerId(), avro.getExitCode(), avro.getMessage(), avro.getOccurredAt());
    }

    // ---- status snapshots -----------------------------------------------------------------------------------

    /** The options of a deploy command as the lifecycle takes them. */
    public static io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions options(
            io.graphium.events.StackDeployRequested command) {
        return new io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions(
                command.getRollbackOnFailure(), java.time.Duration.ofMillis(command.getDeadlineMillis()));
    }

    public static StackDeploymentStatus snapshot(StackDeployment deployment, Instant now) {
        return StackDeploymentStatus.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCausationId(deployment.lastEventId()).setOccurredAt(now).setStackId(deployment.stackId())
                .setDeploymentId(deployment.deploymentId()).setStackName(deployment.stackName())
                .setVersion(deployment.version())
                .setStatus(io.graphium.events.StackStatus.valueOf(deployment.status().name()))
                .setStrategy(io.graphium.events.PlacementStrategy.valueOf(deployment.strategy().name()))
                .setLocation(deployment.location())
                .setPlacements(deployment.placements().entrySet().stream().map(e ->
                        io.graphium.events.ContainerPlacement.newBuilder().setContainerName(e.getKey())
                                .setHostId(e.getValue().hostId()).setHostIp(e.getValue().hostIp())
                                .setPorts(ports(e.getValue().ports())).build()).toList())
                .setServiceEndpoints(deployment.serviceEndpoints())
                .setContainers(deployment.containers().values().stream().map(c -> ContainerStatusSummary.newBuilder()
                        .setContainerName(c.containerName()).setHostId(c.hostId())
                        .setState(io.graphium.events.ContainerState.valueOf(c.state().name()))
                        .setHealth(io.graphium.events.HealthStatus.valueOf(c.health().name()))
                        .setDockerId(c.dockerId()).setExitCode(c.exitCode()).setMessage(c.message())
                        .setUpdatedAt(c.updatedAt()).build()).toList())
                .setRequestedAt(deployment.requestedAt()).setStartedAt(deployment.startedAt())
                .setCompletedAt(deployment.completedAt()).setError(deployment.error())
                .setRollbackOnFailure(deployment.rollbackOnFailure()).setDeadlineAt(deployment.deadlineAt())
                .setRecentCommandIds(deployment.recentCommandIds()).build();
    }

    public static StackDeployment deployment(StackDeploymentStatus avro) {
        Map<String, ContainerStatus> containers = new LinkedHashMap<>();
        avro.getContainers().forEach(c -> containers.put(c.getContainerName(), new ContainerStatus(
                c.getContainerName(), c.getHostId(), ContainerState.valueOf(c.getState().name()),
                Health.valueOf(c.getHealth().name()), c.getDockerId(), c.getExitCode(), c.getMessage(),
                c.getUpdatedAt())));
        return new StackDeployment(avro.getStackId(), avro.getDeploymentId(), avro.getStackName(), avro.getVersion(),
                StackStatus.valueOf(avro.getStatus().name()), PlacementStrategy.valueOf(avro.getStrategy().name()),
                avro.getLocation(), placements(avro.getPlacements()), avro.getServiceEndpoints(), containers,
                avro.getRequestedAt(), avro.getStartedAt(), avro.getCompletedAt(), avro.getError(),
                avro.getCausationId(), avro.getRollbackOnFailure(), avro.getDeadlineAt(), avro.getRecentCommandIds());
    }
}
