package io.graphium.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.HealthCheck;
import io.graphium.agent.core.HostObservation;
import io.graphium.agent.core.ManagedContainer;
import io.graphium.agent.core.Mount;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.PortInUse;
import io.graphium.agent.core.Protocol;
import io.graphium.agent.core.RestartPolicy;
import io.graphium.agent.core.StatusChange;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StopRequests;
import io.graphium.infra.RequiresInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker adapter against the machine's real daemon. Everything created here carries the label
 * {@code graphium.test=<run id>} and is removed by that label after each test.
 */
@RequiresInfra(RequiresInfra.Capability.DOCKER)
class DockerContainerRuntimeTest {

    static final String IMAGE = "graphium/busybox:1";
    static final String TEST_LABEL = LocalDaemon.TEST_LABEL;

    static DockerClient client;
    static DockerContainerRuntime runtime;

    final String run = "host-agent-" + UUID.randomUUID().toString().substring(0, 8);
    final String stack = "gt" + run.substring(run.length() - 8);
    final List<StatusChange> reported = new ArrayList<>();
    final ContainerLifecycle lifecycle = new ContainerLifecycle(runtime(), reported::add, new StopRequests(),
            new SlotLocks(), "h1", Duration.ofSeconds(30));

    @BeforeAll
    static void connect() {
        client = LocalDaemon.connect();
        runtime = LocalDaemon.runtime(client);
    }

    @AfterAll
    static void disconnect() throws IOException {
        client.close();
    }

    @AfterEach
    void removeWhatThisTestCreated() {
        LocalDaemon.removeContainersOf(client, run);
    }

    private static DockerContainerRuntime runtime() {
        return runtime;
    }

    ContainerRequest web(String deployment, int hostPort, List<Mount> mounts) {
        ContainerRef ref = new ContainerRef(stack, deployment, "web");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello world");
        env.put("DB_ENDPOINT", "10.0.0.2:5432");
        return new ContainerRequest(ref, "c-" + deployment, stack + "-web", IMAGE,
                List.of(new PortBinding(8080, hostPort, Protocol.TCP), new PortBinding(9000, 0, Protocol.TCP)), env,
                mounts, List.of("httpd", "-f", "-p", "8080", "-h", "/www"), 0.5, 64L << 20,
                Map.of(TEST_LABEL, run, "team", "shop"));
    }

    @Test
    void deployCreatesAndStartsWithPortsEnvironmentLabelsLimitsMountsAndInit(@TempDir Path data) throws Exception {
        int port = freePort();
        ContainerRequest request = web("d-1", port, List.of(new Mount(Mount.Type.TMPFS, null, "/cache", false),
                new Mount(Mount.Type.BIND, data.toString(), "/data", true)));

        lifecycle.deploy(request);

        assertThat(reported).extracting(StatusChange::status)
                .containsExactly(ContainerStatus.CREATED, ContainerStatus.RUNNING);
        String id = reported.get(1).dockerId();
        InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
        assertThat(inspected.getName()).isEqualTo("/" + stack + "-web");
        assertThat(inspected.getConfig().getLabels()).containsEntry("io.graphium.managed", "true")
                .containsEntry("io.graphium.stack", stack).containsEntry("io.graphium.container", "web")
                .containsEntry("io.graphium.deployment", "d-1").containsEntry("io.graphium.command", "c-d-1")
                .containsEntry("io.graphium.host", "h1").containsEntry("team", "shop");
        assertThat(inspected.getConfig().getEnv()).contains("GREETING=hello world", "DB_ENDPOINT=10.0.0.2:5432");
        assertThat(inspected.getConfig().getCmd()).containsExactly("httpd", "-f", "-p", "8080", "-h", "/www");
        assertThat(inspected.getHostConfig().getInit()).isTrue();
        assertThat(inspected.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(inspected.getHostConfig().getMemory()).isEqualTo(64L << 20);
        Ports.Binding[] bound = inspected.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080));
        assertThat(bound).extracting(Ports.Binding::getHostIp, Ports.Binding::getHostPortSpec)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0.0.0.0", Integer.toString(port)));
        assertThat(inspected.getConfig().getExposedPorts()).contains(ExposedPort.tcp(9000));
        assertThat(inspected.getHostConfig().getPortBindings().getBindings()).doesNotContainKey(ExposedPort.tcp(9000));
        assertThat(inspected.getMounts()).extracting(m -> m.getDestination().getPath(), InspectContainerResponse.Mount::getRW)
                .contains(org.assertj.core.groups.Tuple.tuple("/data", false));
        assertThat(inspected.getHostConfig().getMounts()).extracting(m -> m.getTarget()).contains("/cache", "/data");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isEqualTo(200));

        HostObservation seen = runtime.observe();
        ManagedContainer mine = seen.managed().stream().filter(c -> c.dockerId().equals(id)).findFirst().orElseThrow();
        assertThat(mine.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(mine.ref()).isEqualTo(request.ref());
        assertThat(mine.cpuCores()).isEqualTo(0.5);
        assertThat(mine.memoryBytes()).isEqualTo(64L << 20);
        assertThat(mine.ports()).contains(new PortBinding(8080, port, Protocol.TCP));
        assertThat(seen.portsInUse()).contains(new PortInUse(port, Protocol.TCP));
        assertThat(seen.containersRunning()).isPositive();
        assertThat(runtime.hostFacts().dockerVersion()).isNotBlank();
    }

    @Test
    void removeWithVolumesRemovesOnlyTheNamedVolumesTheAgentCreatedForTheStack() throws Exception {
        String own = stack + "-data";
        String operators = stack + "-operator";
        client.createVolumeCmd().withName(operators).withLabels(Map.of(TEST_LABEL, run)).exec();
        try {
            ContainerRequest request = web("d-1", freePort(), List.of(new Mount(Mount.Type.VOLUME, own, "/data", false),
                    new Mount(Mount.Type.VOLUME, operators, "/shared", true)));
            lifecycle.deploy(request);
            assertThat(client.inspectVolumeCmd(own).exec().getLabels()).containsEntry("io.graphium.stack", stack);
            assertThat(client.inspectContainerCmd(reported.get(1).dockerId()).exec().getMounts())
                    .extracting(m -> m.getDestination().getPath(), InspectContainerResponse.Mount::getRW)
                    .contains(org.assertj.core.groups.Tuple.tuple("/data", true),
                            org.assertj.core.groups.Tuple.tuple("/shared", false));

            lifecycle.remove("rm-1", request.ref(), true);

            assertThat(reported.get(reported.size() - 1).message()).isEqualTo("removed the stack's volumes " + own);
            assertThat(client.listVolumesCmd().exec().getVolumes()).extracting(v -> v.getName())
                    .doesNotContain(own).contains(operators);
        } finally {
            removeWhatThisTestCreated();
            client.listVolumesCmd().exec().getVolumes().stream().map(v -> v.getName())
                    .filter(n -> n.equals(own) || n.equals(operators))
                    .forEach(n -> client.removeVolumeCmd(n).exec());
        }
    }

    @Test
    void restartPolicyAndCommandHealthCheckAreGivenToDocker() throws Exception {
        ContainerRequest plain = web("d-1", freePort(), List.of());
        HealthCheck check = new HealthCheck(HealthCheck.Type.COMMAND, List.of("true"), null, 0,
                Duration.ofSeconds(2), Duration.ofSeconds(1), 4, Duration.ofSeconds(3));
        lifecycle.deploy(new ContainerRequest(plain.ref(), plain.commandId(), plain.dockerName(), plain.image(),
                plain.ports(), plain.environment(), plain.mounts(), plain.command(), null, null, plain.labels(),
                new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, 0), check));

        InspectContainerResponse inspected = client.inspectContainerCmd(reported.get(1).dockerId()).exec();
        assertThat(inspected.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
        assertThat(inspected.getConfig().getHealthcheck().getTest()).containsExactly("CMD", "true");
        assertThat(inspected.getConfig().getHealthcheck().getInterval()).isEqualTo(2_000_000_000L);
        assertThat(inspected.getConfig().getHealthcheck().getTimeout()).isEqualTo(1_000_000_000L);
        assertThat(inspected.getConfig().getHealthcheck().getRetries()).isEqualTo(4);
        assertThat(inspected.getConfig().getHealthcheck().getStartPeriod()).isEqualTo(3_000_000_000L);
        assertThat(inspected.getConfig().getLabels()).doesNotContainKey(HealthCheck.LABEL);
    }

    @Test
    void redeliveredDeployFindsTheContainerByItsLabelsAndCreatesNoOther() throws Exception {
        ContainerRequest request = web("d-1", freePort(), List.of());
        lifecycle.deploy(request);
        lifecycle.deploy(request);

        assertThat(containersOfThisTest()).hasSize(1);
        StatusChange last = reported.get(reported.size() - 1);
        assertThat(last.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(last.message()).isEqualTo("already running");
        assertThat(last.dockerId()).isEqualTo(reported.get(0).dockerId());
    }

    @Test
    void newDeploymentReplacesTheOldContainerOnTheSamePort() throws Exception {
        int port = freePort();
        lifecycle.deploy(web("d-1", port, List.of()));
        lifecycle.deploy(web("d-2", port, List.of()));

        assertThat(reported).extracting(StatusChange::status).containsExactly(ContainerStatus.CREATED,
                ContainerStatus.RUNNING, ContainerStatus.REMOVED, ContainerStatus.CREATED, ContainerStatus.RUNNING);
        assertThat(containersOfThisTest()).singleElement()
                .satisfies(c -> assertThat(c.getLabels()).containsEntry("io.graphium.deployment", "d-2"));
    }

    @Test
    void imageThatCannotBePulledFailsWithTheReasonAndLeavesNothing() throws Exception {
        ContainerRequest request = web("d-1", freePort(), List.of());
        ContainerRequest missing = new ContainerRequest(request.ref(), request.commandId(), request.dockerName(),
                "graphium/nope:1", request.ports(), request.environment(), request.mounts(), request.command(),
                request.cpuCores(), request.memoryBytes(), request.labels());

        lifecycle.deploy(missing);

        assertThat(reported).extracting(StatusChange::status)
                .containsExactly(ContainerStatus.PULLING, ContainerStatus.FAILED);
        assertThat(reported.get(1).message())
                .startsWith("image graphium/nope:1 is not present on host h1 and could not be pulled: ")
                .hasSizeGreaterThan(90);
        System.out.println("missing image: " + reported.get(1).message());
        assertThat(containersOfThisTest()).isEmpty();
        assertThat(runtime.hasImage("graphium/nope:1")).isFalse();
    }

    @Test
    void hostPortAlreadyTakenFailsReadablyAndTheNewContainerIsRemoved() throws Exception {
        int port = freePort();
        lifecycle.deploy(web("d-1", port, List.of()));
        ContainerRequest first = web("d-1", port, List.of());
        ContainerRequest rival = new ContainerRequest(new ContainerRef(stack, "d-1", "api"), "c-api",
                stack + "-api", IMAGE, first.ports(), Map.of(), List.of(), first.command(), null, null,
                Map.of(TEST_LABEL, run));
        reported.clear();

        lifecycle.deploy(rival);

        assertThat(reported).extracting(StatusChange::status)
                .containsExactly(ContainerStatus.CREATED, ContainerStatus.FAILED);
        assertThat(reported.get(1).message()).isEqualTo("container api of stack " + stack + " (deployment d-1) could "
                + "not start on host h1: host port " + port + " is already in use; the container was removed");
        assertThat(containersOfThisTest()).singleElement()
                .satisfies(c -> assertThat(c.getLabels()).containsEntry("io.graphium.container", "web"));
    }

    @Test
    void nameUsedByAStrangerIsLeftAloneAndTheDeployFails() throws Exception {
        client.createContainerCmd(IMAGE).withName(stack + "-web").withLabels(Map.of(TEST_LABEL, run))
                .withCmd("sleep", "60").exec();

        lifecycle.deploy(web("d-1", freePort(), List.of()));

        assertThat(reported).extracting(StatusChange::status).containsExactly(ContainerStatus.FAILED);
        assertThat(reported.get(0).message()).contains("the name " + stack + "-web is already used by another "
                + "container");
        assertThat(containersOfThisTest()).singleElement()
                .satisfies(c -> assertThat(c.getLabels()).doesNotContainKey("io.graphium.managed"));
    }

    @Test
    void stopIsQuickThanksToInitThenStartAndRemoveWork() throws Exception {
        ContainerRequest request = web("d-1", freePort(), List.of());
        lifecycle.deploy(request);
        String id = reported.get(reported.size() - 1).dockerId();

        long began = System.nanoTime();
        lifecycle.stop("c-stop", request.ref(), Duration.ofSeconds(10));
        Duration stopTook = Duration.ofNanos(System.nanoTime() - began);
        assertThat(client.inspectContainerCmd(id).exec().getState().getRunning()).isFalse();
        assertThat(stopTook).as("httpd ignores SIGTERM; the init process must not").isLessThan(Duration.ofSeconds(5));

        lifecycle.start("c-start", request.ref());
        assertThat(client.inspectContainerCmd(id).exec().getState().getRunning()).isTrue();

        lifecycle.remove("c-remove", request.ref(), true);
        assertThat(containersOfThisTest()).isEmpty();
        assertThat(reported.subList(2, reported.size())).extracting(StatusChange::commandId, StatusChange::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-stop", ContainerStatus.STOPPED),
                        org.assertj.core.groups.Tuple.tuple("c-start", ContainerStatus.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("c-remove", ContainerStatus.REMOVED));
        System.out.println("stop with init took " + stopTook.toMillis() + " ms");
    }

    @Test
    void measuresCreateAndStartLatency() throws Exception {
        int rounds = 10;
        long[] runtimeMillis = new long[rounds];
        long[] lifecycleMillis = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            ContainerRequest request = new ContainerRequest(new ContainerRef(stack, "d-1", "m" + i), "c-m" + i,
                    stack + "-m" + i, IMAGE, List.of(), Map.of(), List.of(), List.of("httpd", "-f", "-p", "8080"),
                    null, null, Map.of(TEST_LABEL, run));
            long began = System.nanoTime();
            String id = runtime.create(request, request.allLabels("h1"));
            runtime.start(id);
            runtimeMillis[i] = (System.nanoTime() - began) / 1_000_000;
            runtime.remove(id, true);

            began = System.nanoTime();
            lifecycle.deploy(request);
            lifecycleMillis[i] = (System.nanoTime() - began) / 1_000_000;
            assertThat(reported.get(reported.size() - 1).status()).isEqualTo(ContainerStatus.RUNNING);
            runtime.remove(reported.get(reported.size() - 1).dockerId(), true);
        }
        System.out.println("docker-java create+start ms: " + summary(runtimeMillis));
        System.out.println("lifecycle deploy (find, image check, create, start, inspect) ms: "
                + summary(lifecycleMillis));
    }

    private static String summary(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return "p50 " + sorted[sorted.length / 2] + ", max " + sorted[sorted.length - 1] + ", all "
                + Arrays.toString(millis);
    }

    private List<com.github.dockerjava.api.model.Container> containersOfThisTest() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
