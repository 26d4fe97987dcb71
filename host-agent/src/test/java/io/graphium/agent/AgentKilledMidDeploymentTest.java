package io.graphium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerSpec;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.events.HostRegistered;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.TestEventClient;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The agent as its own process (a JVM on this module's classpath, talking to a testbed daemon, a real broker and
 * registry), killed with -9 while it deploys four containers and started again: it converges, every container runs
 * exactly once, and a command delivered again changes nothing.
 */
@RequiresInfra({RequiresInfra.Capability.TESTBED, RequiresInfra.Capability.JAVA_PROCESSES})
class AgentKilledMidDeploymentTest {

    static final Duration DEADLINE = Duration.ofMinutes(4);
    static final int CONTAINERS = 4;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String hostId = "k9-" + run;
    final String stack = "k9" + run;

    @Test
    void agentKilledMidDeploymentConvergesWithNoDuplicateContainers() throws Exception {
        try (DockerTestbed testbed = DockerTestbed.up(1);
             KafkaBrokerProcess broker = KafkaBrokerProcess.start();
             SchemaRegistryProcess registry = SchemaRegistryProcess.start();
             TestEventClient orchestrator = TestEventClient.reading(broker.bootstrapServers(), registry.url(),
                     Topics.HOST_REPORTS_PATTERN)) {
            TestbedHost host = testbed.host(1);
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                // The orchestrator creates a host's desired-state topic with the first container it places there.
                admin.createTopics(Topics.hostDesired(hostId).declarations()).all().get();
            }
            List<DeployContainer> deploys = new ArrayList<>();
            Process first = startAgent(host, broker, registry, "first");
            try {
                orchestrator.awaitRecord(r -> r.value() instanceof HostRegistered registered
                        && registered.getHost().getHostId().equals(hostId), DEADLINE);
                for (int i = 0; i < CONTAINERS; i++) {
                    DeployContainer deploy = deploy("web" + i);
                    deploys.add(deploy);
                    orchestrator.send(Topics.hostDesired(hostId),
                            Topics.desiredKey(stack, deploy.getSpec().getContainerName()),
                            DesiredContainer.newBuilder().setEventId(UUID.randomUUID().toString())
                                    .setOccurredAt(Instant.now()).setHostId(hostId)
                                    .setCommandId(deploy.getCommandId()).setState(DesiredState.RUNNING)
                                    .setSpec(deploy.getSpec()).build());
                    orchestrator.send(Topics.hostCommands(hostId), hostId, deploy);
                }
                orchestrator.awaitRecord(r -> r.value() instanceof ContainerStatusChanged status
                        && status.getHostId().equals(hostId) && status.getState() == ContainerState.CREATED, DEADLINE);
                first.destroyForcibly(); // SIGKILL, mid-deployment
                first.waitFor();
            } finally {
                first.destroyForcibly();
            }

            Process second = startAgent(host, broker, registry, "second");
            try {
                for (DeployContainer deploy : deploys) {
                    awaitRunning(orchestrator, deploy.getCommandId());
                }
                assertThat(containers(host)).hasSize(CONTAINERS).allMatch(line -> line.endsWith(" running"));

                orchestrator.send(Topics.hostCommands(hostId), hostId, deploys.get(0)); // delivered again
                orchestrator.awaitRecord(r -> r.value() instanceof ContainerStatusChanged status
                        && deploys.get(0).getCommandId().equals(status.getCommandId())
                        && "already running".equals(status.getMessage()), DEADLINE);
                assertThat(containers(host)).hasSize(CONTAINERS);
            } finally {
                second.destroy();
                second.waitFor();
                host.docker("ps", "-aq", "--filter", "label=io.graphium.stack=" + stack).stdout().lines()
                        .filter(id -> !id.isBlank()).forEach(id -> host.docker("rm", "-f", id.strip()));
            }
        }
    }

    private void awaitRunning(TestEventClient orchestrator, String commandId) {
        ConsumerRecord<String, SpecificRecord> running = orchestrator.awaitRecord(
                r -> r.value() instanceof ContainerStatusChanged status && commandId.equals(status.getCommandId())
                        && status.getState() == ContainerState.RUNNING, DEADLINE);
        assertThat(running).isNotNull();
    }

    /** "name state" of every container of the stack on the host, by label. */
    private List<String> containers(TestbedHost host) {
        return host.docker("ps", "-a", "--filter", "label=io.graphium.stack=" + stack, "--format",
                "{{.Names}} {{.State}}").stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    private DeployContainer deploy(String name) {
        return DeployContainer.newBuilder().setCommandId("deploy-" + name + "-" + UUID.randomUUID())
                .setRequestedAt(Instant.now()).setHostId(hostId)
                .setSpec(ContainerSpec.newBuilder().setStackId(stack).setDeploymentId("d-1").setContainerName(name)
                        .setDockerName(stack + "-" + name).setImage("graphium/busybox:1")
                        .setCommand(List.of("httpd", "-f", "-p", "8080", "-h", "/")).build())
                .build();
    }

    private Process startAgent(TestbedHost host, KafkaBrokerProcess broker, SchemaRegistryProcess registry,
                               String name) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), HostAgentApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "agent-" + hostId + "-" + name
                        + ".log"));
        builder.environment().putAll(Map.of(
                "GRAPHIUM_KAFKA", broker.bootstrapServers(),
                "GRAPHIUM_REGISTRY", registry.url(),
                "GRAPHIUM_HTTP_PORT", "0",
                "GRAPHIUM_AGENT_HOST_ID", hostId,
                "GRAPHIUM_AGENT_DOCKER_HOST", host.dockerHost(),
                "GRAPHIUM_AGENT_HEARTBEAT_INTERVAL", "1s"));
        return builder.start();
    }
}
