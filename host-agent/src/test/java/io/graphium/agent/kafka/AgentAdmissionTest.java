package io.graphium.agent.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.graphium.admission.Admission;
import io.graphium.admission.AdmissionPolicy;
import io.graphium.admission.HostPathResolver;
import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StatusChange;
import io.graphium.agent.core.StopRequests;
import io.graphium.agent.core.SupersededCommands;
import io.graphium.agent.docker.DockerClients;
import io.graphium.agent.docker.DockerContainerRuntime;
import io.graphium.agent.core.RegistryLogins;
import io.graphium.events.ContainerSpec;
import io.graphium.events.DeployContainer;
import io.graphium.events.VolumeMount;
import io.graphium.events.VolumeType;
import io.graphium.infra.RequiresInfra;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defence in depth, on the machine's real Docker daemon: the agent's command listener re-checks every
 * DeployContainer with the host's own admission policy before Docker is asked anything. A forged command that
 * bind-mounts the Docker socket, or a symbolic link under an allowed prefix that points at {@code /}, is answered
 * FAILED with the reason, and no container is created; an allowed mount is deployed.
 */
@RequiresInfra(RequiresInfra.Capability.DOCKER)
class AgentAdmissionTest {

    static final URI DOCKER = URI.create("unix:///var/run/docker.sock");
    static final String TEST_LABEL = "graphium.test";
    static DockerClient client;

    @TempDir
    static Path allowed;

    final String run = "agent-admission-" + UUID.randomUUID().toString().substring(0, 8);
    final String stack = "adm" + run.substring(run.length() - 8);
    final List<StatusChange> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    HostCommandListener listener;

    @BeforeAll
    static void connect() {
        client = DockerClients.create(DOCKER, Duration.ofSeconds(60));
        DockerClients.awaitDaemon(client, DOCKER, 3);
    }

    @AfterAll
    static void disconnect() throws IOException {
        client.close();
    }

    @AfterEach
    void removeWhatThisTestCreated() {
        client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec()
                .forEach(c -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
    }

    void agentWithPolicy(AdmissionPolicy policy) {
        DockerContainerRuntime runtime = new DockerContainerRuntime(client, "0.0.0.0", Duration.ofSeconds(60),
                RegistryLogins.none());
        ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, reported::add, new StopRequests(),
                new SlotLocks(), "h1", Duration.ofSeconds(60));
        AgentProperties agent = new AgentProperties("h1", null, "127.0.0.1", null, null, DOCKER, null, null, null,
                null, null, null, null, null);
        listener = new HostCommandListener(lifecycle, SecretOpener.of(null), agent,
                new SupersededCommands(List::of), new Admission(policy, HostPathResolver.FILESYSTEM));
    }

    @Test
    void aForgedDeployWithTheDockerSocketIsRefusedAndNoContainerIsCreated() {
        agentWithPolicy(AdmissionPolicy.DEFAULTS);

        listener.onCommand(deploy("web", bind("/var/run/docker.sock", "/var/run/docker.sock", false)));

        assertThat(reported).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(ContainerStatus.FAILED);
            assertThat(change.message()).startsWith("container web of stack " + stack + " (deployment d-1) was "
                    + "refused by this host's admission policy: volumeMounts[0].source: bind mount of host path "
                    + "'/var/run/docker.sock'").contains("it exposes the Docker socket");
        });
        assertThat(containersOfThisTest()).isEmpty();
    }

    @Test
    void aSymlinkUnderAnAllowedPrefixPointingAtRootIsRefusedAndAnAllowedPathIsDeployed() throws IOException {
        Path base = allowed.toRealPath();
        Files.createSymbolicLink(base.resolve("escape"), Path.of("/"));
        Files.createDirectories(base.resolve("data"));
        agentWithPolicy(new AdmissionPolicy(List.of(new AdmissionPolicy.AllowedPath(base.toString(), false)), null,
                null, null, null, null, null));

        listener.onCommand(deploy("escape", bind(base + "/escape", "/host", true)));
        assertThat(reported).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(ContainerStatus.FAILED);
            assertThat(change.message()).contains("bind mount of host path '" + base + "/escape' (which resolves "
                    + "to '/') is refused: it is the host's whole file system");
        });
        assertThat(containersOfThisTest()).isEmpty();

        listener.onCommand(deploy("data", bind(base + "/data", "/data", false)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reported)
                .filteredOn(c -> c.ref().containerName().equals("data")).extracting(StatusChange::status)
                .contains(ContainerStatus.RUNNING).doesNotContain(ContainerStatus.FAILED));
        assertThat(containersOfThisTest()).hasSize(1);
    }

    private List<String> containersOfThisTest() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec().stream()
                .map(c -> c.getId()).toList();
    }

    private DeployContainer deploy(String name, VolumeMount mount) {
        return DeployContainer.newBuilder().setCommandId("c-" + name).setRequestedAt(Instant.now()).setHostId("h1")
                .setSpec(ContainerSpec.newBuilder().setStackId(stack).setDeploymentId("d-1").setContainerName(name)
                        .setDockerName(stack + "-" + name).setImage("graphium/busybox:1")
                        .setPorts(List.of()).setEnvironment(List.of()).setVolumeMounts(List.of(mount))
                        .setCommand(List.of("sleep", "300")).setLabels(Map.of(TEST_LABEL, run)).build())
                .build();
    }

    private static VolumeMount bind(String source, String target, boolean readOnly) {
        return VolumeMount.newBuilder().setType(VolumeType.BIND).setSource(source).setTarget(target)
                .setReadOnly(readOnly).build();
    }
}
