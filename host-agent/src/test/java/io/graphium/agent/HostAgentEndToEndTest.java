package io.graphium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.graphium.agent.core.Reconciler;
import io.graphium.events.ContainerSpec;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.DesiredContainer;
import io.graphium.events.DesiredState;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostPort;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.ManagedContainer;
import io.graphium.events.PortMapping;
import io.graphium.events.Protocol;
import io.graphium.events.RemoveContainer;
import io.graphium.events.Resources;
import io.graphium.events.SecretSealer;
import io.graphium.events.StartContainer;
import io.graphium.events.StopContainer;
import io.graphium.infra.RequiresInfra;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The agent as a whole: commands in on its own topic, containers on the real Docker daemon, status events and
 * heartbeats out, through an embedded broker and the real schema registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
@RequiresInfra(RequiresInfra.Capability.DOCKER)
class HostAgentEndToEndTest {

    static final String HOST = "test-" + UUID.randomUUID().toString().substring(0, 12);
    static final String SEALING_KEY = SecretSealer.newBase64Key();
    static final String TEST_LABEL = "graphium.test";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        registry.add("graphium.agent.host-id", () -> HOST);
        registry.add("graphium.agent.datacenter", () -> "dc-test");
        registry.add("graphium.agent.labels.zone", () -> "a");
        registry.add("graphium.agent.heartbeat-interval", () -> "500ms");
        registry.add("graphium.secrets.sealing-key", () -> SEALING_KEY);
    }

    @Autowired
    EventPublisher publisher;
    @Autowired
    DockerClient docker;
    @Autowired
    Reconciler reconciler;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Value("${graphium.kafka.registry-url}")
    String registryUrl;

    final String run = "host-agent-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final String stack = "e2e" + run.substring(run.length() - 8);
    final Topic commands = Topics.hostCommands(HOST);
    final List<SpecificRecord> seen = new CopyOnWriteArrayList<>();
    KafkaConsumer<String, SpecificRecord> consumer;

    @BeforeEach
    void listen() {
        consumer = KafkaClientSettings.newConsumer(brokers, registryUrl, "e2e-" + UUID.randomUUID());
        consumer.subscribe(List.of(Topics.hostReports(HOST).name()));
    }

    @AfterEach
    void cleanUp() {
        consumer.close(Duration.ofSeconds(2));
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
    }

    @Test
    void deploysOnItsHostReportsInHeartbeatsIgnoresRedeliveryAndStopsStartsRemoves() throws Exception {
        HostRegistered registered = awaitEvent(HostRegistered.class, r -> r.getHost().getHostId().equals(HOST));
        assertThat(registered.getStatus()).isEqualTo(HostStatus.ACTIVE);
        assertThat(registered.getHost().getDatacenter()).isEqualTo("dc-test");
        assertThat(registered.getHost().getLabels()).containsEntry("zone", "a");
        assertThat(registered.getHost().getCpus()).isPositive();
        assertThat(registered.getHost().getDockerVersion()).isNotBlank();

        int port = freePort();
        DeployContainer deploy = deploy(port);
        String commandId = deploy.getCommandId();
        publisher.publish(commands, HOST, deploy).get();

        ContainerStatusChanged running = awaitStatus(commandId, ContainerState.RUNNING);
        List<ContainerStatusChanged> answers = statuses(commandId);
        assertThat(answers).extracting(ContainerStatusChanged::getState)
                .containsExactly(ContainerState.CREATED, ContainerState.RUNNING);
        assertThat(answers).allSatisfy(event -> {
            assertThat(event.getCausationId()).isEqualTo(commandId);
            assertThat(event.getHostId()).isEqualTo(HOST);
            assertThat(event.getStackId()).isEqualTo(stack);
            assertThat(event.getDockerId()).isEqualTo(running.getDockerId());
        });
        assertThat(answers.get(0).getEventId()).isNotEqualTo(answers.get(1).getEventId());
        assertThat(docker.inspectContainerCmd(running.getDockerId()).exec().getConfig().getEnv())
                .contains("GREETING=hello", "DB_PASSWORD=s3cret");

        HostHeartbeat heartbeat = awaitEvent(HostHeartbeat.class, h -> h.getHost().getHostId().equals(HOST)
                && h.getContainers().stream().anyMatch(c -> isWeb(c, ContainerState.RUNNING)));
        assertThat(heartbeat.getPortsInUse()).contains(HostPort.newBuilder().setPort(port).setProtocol(Protocol.TCP)
                .build());
        assertThat(heartbeat.getContainers()).filteredOn(c -> c.getStackId().equals(stack)).singleElement()
                .satisfies(c -> assertThat(c.getDockerId()).isEqualTo(running.getDockerId()));
        assertThat(heartbeat.getUsage().getContainersRunning()).isPositive();

        publisher.publish(commands, HOST, deploy).get(); // redelivered
        await().atMost(DEADLINE).until(() -> poll().stream().filter(e -> e.getState() == ContainerState.RUNNING)
                .filter(e -> e.getCommandId().equals(commandId)).count() == 2);
        assertThat(statuses(commandId).get(2).getDockerId()).isEqualTo(running.getDockerId());
        assertThat(statuses(commandId).get(2).getMessage()).isEqualTo("already running");
        assertThat(containersOfThisTest()).hasSize(1);

        StopContainer stop = StopContainer.newBuilder().setCommandId("stop-" + UUID.randomUUID())
                .setRequestedAt(Instant.now()).setHostId(HOST).setStackId(stack).setDeploymentId("d-1")
                .setContainerName("web").setTimeoutSeconds(10).build();
        publisher.publish(commands, HOST, stop).get();
        awaitStatus(stop.getCommandId(), ContainerState.STOPPED);
        awaitEvent(HostHeartbeat.class, h -> h.getHost().getHostId().equals(HOST)
                && h.getContainers().stream().anyMatch(c -> isWeb(c, ContainerState.STOPPED)));

        StartContainer start = StartContainer.newBuilder().setCommandId("start-" + UUID.randomUUID())
                .setRequestedAt(Instant.now()).setHostId(HOST).setStackId(stack).setDeploymentId("d-1")
                .setContainerName("web").build();
        publisher.publish(commands, HOST, start).get();
        awaitStatus(start.getCommandId(), ContainerState.RUNNING);

        RemoveContainer remove = RemoveContainer.newBuilder().setCommandId("remove-" + UUID.randomUUID())
                .setRequestedAt(Instant.now()).setHostId(HOST).setStackId(stack).setDeploymentId("d-1")
                .setContainerName("web").setRemoveVolumes(true).build();
        publisher.publish(commands, HOST, remove).get();
        awaitStatus(remove.getCommandId(), ContainerState.REMOVED);
        assertThat(containersOfThisTest()).isEmpty();
    }

    @Test
    void reconcilesWithTheDesiredStateItReadsFromTheTopic() throws Exception {
        DeployContainer wanted = deploy(freePort());
        DesiredContainer web = desired(HOST, "desired-" + UUID.randomUUID(), wanted.getSpec());
        DesiredContainer elsewhere = desired("other-host", "desired-" + UUID.randomUUID(), deploy(freePort())
                .getSpec()); // on another host's topic, which this agent never reads
        try (TestEventClient orchestrator = TestEventClient.reading(brokers, registryUrl, List.of())) {
            orchestrator.send(Topics.hostDesired(HOST), key("web"), web);
            orchestrator.send(Topics.hostDesired("other-host"), key("web"), elsewhere);

            reconciler.reconcile(); // as at a start of the agent or after a restart of its daemon

            ContainerStatusChanged running = awaitStatus(web.getCommandId(), ContainerState.RUNNING);
            assertThat(containersOfThisTest()).singleElement()
                    .satisfies(c -> assertThat(c.getId()).isEqualTo(running.getDockerId()))
                    .satisfies(c -> assertThat(c.getLabels()).containsEntry("io.graphium.command",
                            web.getCommandId()));
            assertThat(reconciler.reconcile()).extracting(a -> a.getClass().getSimpleName())
                    .contains("Adopt").doesNotContain("Deploy");
            assertThat(containersOfThisTest()).hasSize(1);

            orchestrator.send(Topics.hostDesired(HOST), key("web"), null); // tombstone: stack removed
            reconciler.reconcile();

            awaitEvent(ContainerStatusChanged.class, e -> e.getCommandId() == null
                    && e.getState() == ContainerState.REMOVED && running.getDockerId().equals(e.getDockerId()));
            assertThat(containersOfThisTest()).isEmpty();
        }
    }

    /**
     * The agent follows the desired-state topic: a command that is not the latest desired one for its container (an
     * old deploy published again) is reported as superseded and changes nothing, while newer records are picked up.
     */
    @Test
    void aStaleCommandIsReportedSupersededAndNotApplied() throws Exception {
        DeployContainer old = deploy(freePort());
        DeployContainer current = deploy(freePort());
        current.getSpec().setDeploymentId("d-2");
        try (TestEventClient orchestrator = TestEventClient.reading(brokers, registryUrl, List.of())) {
            // The orchestrator's order: the desired record first, then the command.
            orchestrator.send(Topics.hostDesired(HOST), key("web"),
                    desired(HOST, current.getCommandId(), current.getSpec()));
            publisher.publish(commands, HOST, current).get();
            ContainerStatusChanged running = awaitStatus(current.getCommandId(), ContainerState.RUNNING);

            publisher.publish(commands, HOST, old).get(); // the old deploy, published again

            ContainerStatusChanged refused = awaitEvent(ContainerStatusChanged.class,
                    e -> old.getCommandId().equals(e.getCommandId()));
            assertThat(refused.getState()).isEqualTo(ContainerState.REMOVED);
            assertThat(refused.getMessage()).startsWith("superseded by " + current.getCommandId());
            assertThat(containersOfThisTest()).singleElement()
                    .satisfies(c -> assertThat(c.getId()).isEqualTo(running.getDockerId()));

            StopContainer stop = StopContainer.newBuilder().setCommandId("stop-" + UUID.randomUUID())
                    .setRequestedAt(Instant.now()).setHostId(HOST).setStackId(stack).setDeploymentId("d-2")
                    .setContainerName("web").setTimeoutSeconds(10).build();
            DesiredContainer stopped = desired(HOST, stop.getCommandId(), current.getSpec());
            stopped.setState(DesiredState.STOPPED);
            orchestrator.send(Topics.hostDesired(HOST), key("web"), stopped);
            publisher.publish(commands, HOST, stop).get();

            awaitStatus(stop.getCommandId(), ContainerState.STOPPED);
            orchestrator.send(Topics.hostDesired(HOST), key("web"), null); // leave no desired record
        }
    }

    /**
     * Not a check but a measurement: create+start of a container through the agent (command published to its
     * RUNNING event) against docker-java's create+start on the same daemon, same image and settings, one after the
     * other. Figures are printed ("latency: ...").
     */
    @Test
    void measuresCreateAndStartThroughTheAgentAgainstRawDockerJava() throws Exception {
        int rounds = 10;
        List<Long> agentMillis = new java.util.ArrayList<>();
        List<Long> rawMillis = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            DeployContainer deploy = deploy(freePort());
            deploy.getSpec().setContainerName("web" + i);
            deploy.getSpec().setDockerName(stack + "-web" + i);
            long start = System.nanoTime();
            publisher.publish(commands, HOST, deploy).get();
            awaitStatus(deploy.getCommandId(), ContainerState.RUNNING);
            agentMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            String id = docker.createContainerCmd("graphium/busybox:1").withName(stack + "-raw" + i)
                    .withLabels(Map.of(TEST_LABEL, run)).withCmd("httpd", "-f", "-p", "8080", "-h", "/www")
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withInit(true))
                    .exec().getId();
            docker.startContainerCmd(id).exec();
            rawMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("latency: create+start through the agent (command published -> RUNNING event) "
                + figures(agentMillis) + "; raw docker-java create+start " + figures(rawMillis));
        assertThat(containersOfThisTest()).hasSize(2 * rounds);
    }

    private static String figures(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "p50 " + sorted.get(sorted.size() / 2) + " ms, min " + sorted.get(0) + " ms, max "
                + sorted.get(sorted.size() - 1) + " ms (n=" + sorted.size() + ")";
    }

    private String key(String container) {
        return Topics.desiredKey(stack, container);
    }

    private static DesiredContainer desired(String host, String commandId, ContainerSpec spec) {
        return DesiredContainer.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setHostId(host).setCommandId(commandId).setState(DesiredState.RUNNING).setSpec(spec).build();
    }

    @Test
    void imageThatDoesNotExistEndsFailedWithTheReasonAndNothingLeft() throws Exception {
        DeployContainer deploy = deploy(freePort());
        deploy.getSpec().setImage("graphium/nope:1");
        publisher.publish(commands, HOST, deploy).get();

        ContainerStatusChanged failed = awaitStatus(deploy.getCommandId(), ContainerState.FAILED);

        assertThat(failed.getMessage()).startsWith("image graphium/nope:1 is not present on host " + HOST
                + " and could not be pulled: ");
        assertThat(statuses(deploy.getCommandId())).extracting(ContainerStatusChanged::getState)
                .containsExactly(ContainerState.PULLING, ContainerState.FAILED);
        assertThat(containersOfThisTest()).isEmpty();
    }

    private DeployContainer deploy(int port) {
        return DeployContainer.newBuilder().setCommandId("deploy-" + UUID.randomUUID()).setRequestedAt(Instant.now())
                .setHostId(HOST)
                .setSpec(ContainerSpec.newBuilder().setStackId(stack).setDeploymentId("d-1").setContainerName("web")
                        .setDockerName(stack + "-web").setImage("graphium/busybox:1")
                        .setPorts(List.of(PortMapping.newBuilder().setContainerPort(8080).setHostPort(port).build()))
                        .setEnvironment(List.of(
                                EnvironmentVariable.newBuilder().setName("GREETING").setValue("hello").build(),
                                EnvironmentVariable.newBuilder().setName("DB_PASSWORD")
                                        .setValue(SecretSealer.fromBase64(SEALING_KEY).seal("s3cret")).build()))
                        .setCommand(List.of("httpd", "-f", "-p", "8080", "-h", "/www"))
                        .setResources(Resources.newBuilder().setCpuCores(0.25).setMemoryBytes(32L << 20).build())
                        .setLabels(Map.of(TEST_LABEL, run))
                        .build())
                .build();
    }

    private boolean isWeb(ManagedContainer container, ContainerState state) {
        return container.getStackId().equals(stack) && container.getContainerName().equals("web")
                && container.getState() == state;
    }

    /** Reads what arrived since the last call into {@link #seen}; returns the container status events. */
    private List<ContainerStatusChanged> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        return seen.stream().filter(ContainerStatusChanged.class::isInstance).map(ContainerStatusChanged.class::cast)
                .toList();
    }

    private List<ContainerStatusChanged> statuses(String commandId) {
        return poll().stream().filter(e -> commandId.equals(e.getCommandId())).toList();
    }

    private ContainerStatusChanged awaitStatus(String commandId, ContainerState state) {
        return awaitEvent(ContainerStatusChanged.class, e -> commandId.equals(e.getCommandId())
                && e.getState() == state);
    }

    private <T extends SpecificRecord> T awaitEvent(Class<T> type, java.util.function.Predicate<T> matching) {
        return await().atMost(DEADLINE).until(() -> {
            poll();
            return seen.stream().filter(type::isInstance).map(type::cast).filter(matching).reduce((a, b) -> b)
                    .orElse(null);
        }, java.util.Objects::nonNull);
    }

    private List<com.github.dockerjava.api.model.Container> containersOfThisTest() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
