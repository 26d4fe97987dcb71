package io.graphium.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostPort;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.InfraScript;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.TestEventClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The container image of the agent (the repository's Dockerfile, SERVICE=host-agent), built offline on the project's
 * JRE image and run with a testbed host's Docker socket mounted: the agent in the container registers that host on
 * the bus, with that host's daemon behind it.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
class AgentContainerImageIT {

    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(5);
    private static final Duration DOCKER_DEADLINE = Duration.ofMinutes(1);
    private static final Duration REGISTRATION_DEADLINE = Duration.ofMinutes(4);
    private static final String TEST_LABEL = "io.graphium.test=agent-container-image";
    private static final int PUBLISHED_PORT = 18_431;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String image = "graphium/host-agent:it-" + run;
    private final String container = "graphium-agent-it-" + run;
    private final String hostId = "container-agent-" + run;

    @Test
    void theAgentInTheImageRegistersTheHostWhoseSocketItWasGiven() throws IOException {
        try (DockerTestbed testbed = DockerTestbed.up(1);
             KafkaBrokerProcess kafka = KafkaBrokerProcess.start(testbed.gatewayAddress());
             SchemaRegistryProcess registry = SchemaRegistryProcess.start(testbed.gatewayAddress())) {
            TestbedHost host = testbed.host(1);
            String marker = "port-marker-" + run;
            try {
                // A container on the testbed host: only an agent talking to that host's daemon sees its port.
                host.docker("run", "-d", "--name", marker, "--label", TEST_LABEL, "-p", PUBLISHED_PORT + ":80",
                        "graphium/busybox:1", "httpd", "-f", "-p", "80");
                Commands.succeed(BUILD_DEADLINE, "docker", "build", "-q", "--build-arg", "SERVICE=host-agent",
                        "--build-arg", "JRE_IMAGE=graphium/jre:17", "-t", image,
                        InfraScript.repositoryRoot().toString());
                assertThat(Commands.succeed(DOCKER_DEADLINE, "docker", "run", "--rm", "--entrypoint", "cat", image,
                        "/opt/graphium/jvm.options")).as("the options the packages install")
                        .isEqualTo(Files.readString(Commands.PACKAGING.resolve("jvm.options")));
                Commands.succeed(DOCKER_DEADLINE, "docker", "run", "-d", "--name", container, "--label", TEST_LABEL,
                        "-v", host.dockerSocket() + ":/var/run/docker.sock",
                        "-e", "GRAPHIUM_KAFKA=" + kafka.bootstrapServers(), "-e", "GRAPHIUM_REGISTRY=" + registry.url(),
                        "-e", "GRAPHIUM_AGENT_HOST_ID=" + hostId, "-e", "GRAPHIUM_AGENT_IP_ADDRESS=" + host.ipAddress(),
                        "-e", "GRAPHIUM_AGENT_DATACENTER=dc-image", image);

                try (TestEventClient bus = TestEventClient.reading(kafka.bootstrapServers(), registry.url(),
                        Topics.HOST_REPORTS_PATTERN)) {
                    HostRegistered registered = (HostRegistered) await(bus, HostRegistered.class);
                    assertThat(registered.getStatus()).as(logs()).isEqualTo(HostStatus.ACTIVE);
                    assertThat(registered.getHost().getIpAddress()).isEqualTo(host.ipAddress());
                    assertThat(registered.getHost().getDatacenter()).isEqualTo("dc-image");
                    assertThat(registered.getHost().getDockerVersion()).as("the mounted daemon answered").isNotBlank();

                    HostHeartbeat heartbeat = (HostHeartbeat) await(bus, HostHeartbeat.class);
                    assertThat(heartbeat.getPortsInUse()).extracting(HostPort::getPort).contains(PUBLISHED_PORT);
                }
            } finally {
                host.docker("rm", "-f", marker);
                Commands.run(DOCKER_DEADLINE, List.of("docker", "rm", "-f", container));
                Commands.run(DOCKER_DEADLINE, List.of("docker", "rmi", "-f", image));
            }
        }
    }

    private SpecificRecord await(TestEventClient bus, Class<? extends SpecificRecord> type) {
        try {
            ConsumerRecord<String, SpecificRecord> record = bus.awaitRecord(r -> hostId.equals(r.key())
                    && type.isInstance(r.value()), REGISTRATION_DEADLINE);
            return record.value();
        } catch (RuntimeException e) {
            throw new AssertionError("no " + type.getSimpleName() + " of " + hostId + "; agent container:\n"
                    + logs(), e);
        }
    }

    private String logs() {
        Commands.Result logs = Commands.run(DOCKER_DEADLINE, List.of("docker", "logs", "--tail", "60", container));
        return logs.output();
    }
}
