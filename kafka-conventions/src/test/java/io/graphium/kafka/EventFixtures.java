package io.graphium.kafka;

import io.graphium.events.*;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One realistic instance of every event type, with every optional part filled in, and the topic it travels on. */
final class EventFixtures {

    record Sample(Topic topic, String key, SpecificRecord event) {
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Topic HOST1_COMMANDS = Topics.hostCommands("host1");
    private static final Topic HOST1_REPORTS = Topics.hostReports("host1");

    private EventFixtures() {
    }

    static List<Sample> all() {
        return List.of(
                new Sample(Topics.STACK_COMMANDS, "stack-1", deployRequested()),
                new Sample(Topics.STACK_DEFINITIONS, "stack-1", deployRequested()),
                new Sample(Topics.STACK_COMMANDS, "stack-1", StackStopRequested.newBuilder().setCommandId("c-2")
                        .setRequestedAt(NOW).setStackId("stack-1").setRequestedBy("ops").build()),
                new Sample(Topics.STACK_COMMANDS, "stack-1", StackStartRequested.newBuilder().setCommandId("c-3")
                        .setRequestedAt(NOW).setStackId("stack-1").build()),
                new Sample(Topics.STACK_COMMANDS, "stack-1", StackRemoveRequested.newBuilder().setCommandId("c-4")
                        .setRequestedAt(NOW).setStackId("stack-1").setRemoveVolumes(true).build()),
                new Sample(Topics.PLACEMENT_REQUESTS, "stack-1", placementRequested()),
                new Sample(Topics.PLACEMENT_RESULTS, "stack-1", placementDecided()),
                new Sample(Topics.PLACEMENT_RESULTS, "stack-1", placementFailed()),
                new Sample(HOST1_COMMANDS, "host1", DeployContainer.newBuilder().setCommandId("c-6")
                        .setCausationId("e-1").setRequestedAt(NOW).setHostId("host1").setSpec(containerSpec()).build()),
                new Sample(HOST1_COMMANDS, "host1", StartContainer.newBuilder().setCommandId("c-7").setRequestedAt(NOW)
                        .setHostId("host1").setStackId("stack-1").setDeploymentId("d-1").setContainerName("web").build()),
                new Sample(HOST1_COMMANDS, "host1", StopContainer.newBuilder().setCommandId("c-8").setRequestedAt(NOW)
                        .setHostId("host1").setStackId("stack-1").setDeploymentId("d-1").setContainerName("web")
                        .setTimeoutSeconds(30).build()),
                new Sample(HOST1_COMMANDS, "host1", RemoveContainer.newBuilder().setCommandId("c-9").setRequestedAt(NOW)
                        .setHostId("host1").setStackId("stack-1").setDeploymentId("d-1").setContainerName("web")
                        .setRemoveVolumes(true).build()),
                new Sample(HOST1_REPORTS, Topics.statusKey("stack-1", "web"), containerStatusChanged("web")),
                new Sample(HOST1_REPORTS, "host1", HostRegistered.newBuilder().setEventId("e-4").setOccurredAt(NOW)
                        .setHost(host()).setStatus(HostStatus.ACTIVE).setSource(RegistrationSource.AGENT).build()),
                new Sample(HOST1_REPORTS, "host1", heartbeat()),
                new Sample(Topics.HOSTS, "host1", HostRegistered.newBuilder().setEventId("e-5").setOccurredAt(NOW)
                        .setHost(host()).setStatus(HostStatus.ACTIVE).setSource(RegistrationSource.MANUAL).build()),
                new Sample(Topics.HOST_ADMIN, "host1", HostStatusChanged.newBuilder().setEventId("e-7")
                        .setOccurredAt(NOW).setHostId("host1").setStatus(HostStatus.MAINTENANCE)
                        .setReason("kernel upgrade").setChangedBy("ops").build()),
                new Sample(Topics.STACK_STATUS, "stack-1", stackStatus()),
                new Sample(Topics.STACK_HISTORY, "stack-1", StackHistoryEvent.newBuilder().setEventId("e-9")
                        .setOccurredAt(NOW).setStackId("stack-1").setDeploymentId("d-1")
                        .setKind(StackHistoryKind.CONTAINER_CHANGED).setStatus(StackStatus.DEPLOYING)
                        .setContainerName("web").setHostId("host1").setContainerState(ContainerState.RUNNING)
                        .setHealth(HealthStatus.HEALTHY).setMessage("container 'web' on host host1 is RUNNING (HEALTHY)")
                        .build()),
                new Sample(Topics.hostDesired("host1"), Topics.desiredKey("stack-1", "web"),
                        DesiredContainer.newBuilder().setEventId("e-10").setOccurredAt(NOW).setHostId("host1")
                                .setCommandId("c-6").setState(DesiredState.RUNNING).setSpec(containerSpec()).build()));
    }

    static ContainerStatusChanged containerStatusChanged(String containerName) {
        return ContainerStatusChanged.newBuilder().setEventId("e-3-" + containerName).setCausationId("c-6")
                .setOccurredAt(NOW).setCommandId("c-6").setHostId("host1").setStackId("stack-1").setDeploymentId("d-1")
                .setContainerName(containerName).setState(ContainerState.EXITED).setHealth(HealthStatus.UNHEALTHY)
                .setDockerId("4f2a9c").setExitCode(137).setMessage("OOM-killed; last log line: out of memory").build();
    }

    private static StackDeployRequested deployRequested() {
        ContainerDefinition web = ContainerDefinition.newBuilder().setName("web").setPosition(1).setImage("nginx:latest")
                .setPorts(List.of(port(80, 8080)))
                .setEnvironment(List.of(env("POSTGRES_HOST", ""), env("POSTGRES_PORT", "5432"),
                        EnvironmentVariable.newBuilder().setName("SETTINGS").setValue("marked").setSecret(true).build()))
                .setVolumeMounts(List.of(VolumeMount.newBuilder().setType(VolumeType.VOLUME).setSource("web-data")
                        .setTarget("/data").setReadOnly(true).build()))
                .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheckType.HTTP).setPath("/health").setPort(80)
                        .build())
                .setCommand(List.of("nginx", "-g", "daemon off;"))
                .setDependsOn(List.of(ContainerDependency.newBuilder().setName("postgres").setWaitForHealthy(true).build()))
                .setResources(Resources.newBuilder().setCpuCores(0.5).setMemoryBytes(256L << 20).build()).build();
        ContainerDefinition postgres = ContainerDefinition.newBuilder().setName("postgres").setImage("postgres:14")
                .setPorts(List.of(port(5432, 5432)))
                .setEnvironment(List.of(EnvironmentVariable.newBuilder().setName("POSTGRES_PASSWORD")
                        .setValue(SealedValue.newBuilder().setKeyId("k1").setAlgorithm("AES-256-GCM")
                                .setCiphertext(ByteBuffer.wrap(new byte[] {1, 2, 3})).build()).build()))
                .build();
        StackDefinition definition = StackDefinition.newBuilder().setName("my-app").setDescription("My app")
                .setLocation("us-west-2")
                .setDeployment(DeploymentSpec.newBuilder().setPlacementStrategy(PlacementStrategy.MANUAL)
                        .setHostConstraints(List.of(HostConstraint.newBuilder().setContainerName("postgres")
                                .setTargetHost("host2").setRequiredDatacenter("us-west-2").setMinCpu(4.0)
                                .setMinMemory(4L << 30).setLabels(Map.of("disk", "ssd")).build()))
                        .build())
                .setContainers(List.of(web, postgres)).setVolumes(List.of("web-data")).build();
        return StackDeployRequested.newBuilder().setCommandId("c-1").setRequestedAt(NOW).setRequestedBy("alice")
                .setStackId("stack-1").setDefinition(definition).setRollbackOnFailure(false).setDeadlineMillis(60_000)
                .build();
    }

    private static PlacementRequested placementRequested() {
        return PlacementRequested.newBuilder().setCommandId("c-5").setCausationId("c-1").setRequestedAt(NOW)
                .setStackId("stack-1").setDeploymentId("d-1").setStrategy(PlacementStrategy.SPREAD)
                .setLocation("us-west-2")
                .setContainers(List.of(ContainerDemand.newBuilder().setContainerName("web")
                        .setPorts(List.of(port(80, 8080)))
                        .setResources(Resources.newBuilder().setCpuCores(1).setMemoryBytes(1L << 30).build())
                        .setConstraint(HostConstraint.newBuilder().setContainerName("web").setTargetHost("host1").build())
                        .build()))
                .setDryRun(true).build();
    }

    private static PlacementDiagnosis diagnosis(String chosen) {
        return PlacementDiagnosis.newBuilder().setContainerName("web").setHostsEvaluated(3).setChosenHostId(chosen)
                .setRejections(List.of(HostRejection.newBuilder().setHostId("host3").setReason("port in use")
                        .setDetail("port 8080/tcp in use").build()))
                .setTopScores(List.of(HostScore.newBuilder().setHostId("host1").setTotal(71.5)
                        .setTerms(Map.of("cpu", 30.0, "memory", 21.5, "containers", 0.0, "datacenter", 20.0)).build()))
                .setSummary("web -> host1 (score 71.5); 1 of 3 hosts rejected: 1 port in use").build();
    }

    private static PlacementDecided placementDecided() {
        return PlacementDecided.newBuilder().setEventId("e-1").setCausationId("c-5").setOccurredAt(NOW)
                .setStackId("stack-1").setDeploymentId("d-1").setStrategy(PlacementStrategy.AUTO)
                .setPlacements(List.of(ContainerPlacement.newBuilder().setContainerName("web").setHostId("host1")
                        .setHostIp("10.213.0.11").setPorts(List.of(port(80, 8080))).build()))
                .setDiagnosis(List.of(diagnosis("host1"))).build();
    }

    private static PlacementFailed placementFailed() {
        return PlacementFailed.newBuilder().setEventId("e-2").setCausationId("c-5").setOccurredAt(NOW)
                .setStackId("stack-1").setDeploymentId("d-1").setStrategy(PlacementStrategy.DATACENTER)
                .setMessage("no host for container 'web': 0/3 hosts available: 3 datacenter eu-1 is not us-west-2")
                .setDiagnosis(List.of(diagnosis(null))).setDryRun(false).build();
    }

    private static ContainerSpec containerSpec() {
        return ContainerSpec.newBuilder().setStackId("stack-1").setDeploymentId("d-1").setContainerName("web")
                .setDockerName("my-app-web").setImage("nginx:latest").setPorts(List.of(port(80, 8080)))
                .setEnvironment(List.of(env("POSTGRES_ENDPOINT", "10.213.0.12:5432")))
                .setVolumeMounts(List.of(VolumeMount.newBuilder().setType(VolumeType.TMPFS).setTarget("/tmp").build()))
                .setCommand(List.of("httpd", "-f")).setHealthCheck(HealthCheck.newBuilder()
                        .setType(HealthCheckType.COMMAND).setCommand(List.of("true")).build())
                .setResources(Resources.newBuilder().setCpuCores(2).setMemoryBytes(1L << 30).build())
                .setRestartPolicy(RestartPolicy.newBuilder().setMode(RestartMode.ON_FAILURE).setMaxRetries(3).build())
                .setLabels(Map.of("io.graphium.stack", "stack-1")).build();
    }

    static HostDescription host() {
        return HostDescription.newBuilder().setHostId("host1").setName("Web Server 1").setIpAddress("10.213.0.11")
                .setCpus(8).setMemoryBytes(16L << 30).setDatacenter("us-west-2").setLabels(Map.of("disk", "ssd"))
                .setAgentVersion("0.1.0").setDockerVersion("20.10.24").build();
    }

    static HostHeartbeat heartbeat() {
        return HostHeartbeat.newBuilder().setEventId("e-5").setOccurredAt(NOW).setHost(host())
                .setStatus(HostStatus.DEGRADED)
                .setUsage(HostUsage.newBuilder().setCpuUsedCores(1.5).setMemoryUsedBytes(2L << 30)
                        .setContainersRunning(3).build())
                .setContainers(List.of(ManagedContainer.newBuilder().setStackId("stack-1").setDeploymentId("d-1")
                        .setContainerName("web").setDockerId("4f2a9c").setState(ContainerState.RUNNING)
                        .setHealth(HealthStatus.HEALTHY).build()))
                .setPortsInUse(List.of(HostPort.newBuilder().setPort(8080).build(),
                        HostPort.newBuilder().setPort(53).setProtocol(Protocol.UDP).build()))
                .build();
    }

    private static StackDeploymentStatus stackStatus() {
        return StackDeploymentStatus.newBuilder().setEventId("e-6").setCausationId("e-3").setOccurredAt(NOW)
                .setStackId("stack-1").setDeploymentId("d-1").setStackName("my-app").setVersion(7)
                .setStatus(StackStatus.RUNNING).setStrategy(PlacementStrategy.SPREAD).setLocation("us-west-2")
                .setPlacements(List.of(ContainerPlacement.newBuilder().setContainerName("web").setHostId("host1")
                        .setHostIp("10.213.0.11").setPorts(List.of(port(80, 8080))).build()))
                .setServiceEndpoints(Map.of("web", "10.213.0.11:8080"))
                .setContainers(List.of(ContainerStatusSummary.newBuilder().setContainerName("web").setHostId("host1")
                        .setState(ContainerState.RUNNING).setHealth(HealthStatus.HEALTHY).setDockerId("4f2a9c")
                        .setUpdatedAt(NOW).build()))
                .setRequestedAt(NOW).setStartedAt(NOW).setCompletedAt(NOW).setError(null).build();
    }

    private static PortMapping port(int containerPort, int hostPort) {
        return PortMapping.newBuilder().setContainerPort(containerPort).setHostPort(hostPort).build();
    }

    private static EnvironmentVariable env(String name, String value) {
        return EnvironmentVariable.newBuilder().setName(name).setValue(value).build();
    }
}
