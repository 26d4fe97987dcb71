package io.graphium.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.ContainerWatch;
import io.graphium.agent.core.Desired;
import io.graphium.agent.core.Health;
import io.graphium.agent.core.HealthCheck;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.Protocol;
import io.graphium.agent.core.Reconciler;
import io.graphium.agent.core.Reconciliation;
import io.graphium.agent.core.ReportedStates;
import io.graphium.agent.core.RestartPolicy;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StatusChange;
import io.graphium.agent.core.StopRequests;
import io.graphium.agent.probe.NetworkHealthProbes;
import io.graphium.infra.RequiresInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's watch on its host against the machine's real Docker daemon, without Kafka: Docker's event stream,
 * the three kinds of health checks, restart policy, and reconciliation with a desired state. Everything created
 * here carries {@code graphium.test=<run id>} and is removed by that label.
 */
@RequiresInfra(RequiresInfra.Capability.DOCKER)
class HostWatchTest {

    static final String IMAGE = "graphium/busybox:1";
    static final String TEST_LABEL = LocalDaemon.TEST_LABEL;
    static final Duration DEADLINE = Duration.ofSeconds(30);

    static DockerClient client;
    static DockerContainerRuntime runtime;

    final String run = "host-watch-" + UUID.randomUUID().toString().substring(0, 8);
    final String stack = "hw" + run.substring(run.length() - 8);
    /** A host id of its own: reconciliation judges only this host id's containers, never a neighbour test's. */
    final String host = "hw-" + run;
    final List<StatusChange> reported = new CopyOnWriteArrayList<>();
    final List<Desired> desired = new CopyOnWriteArrayList<>();
    final ReportedStates states = new ReportedStates(reported::add);
    final StopRequests stops = new StopRequests();
    final SlotLocks locks = new SlotLocks();
    final NetworkHealthProbes probes = new NetworkHealthProbes("127.0.0.1", states, locks, Clock.systemUTC());
    final ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, states, stops, locks, host,
            Duration.ofSeconds(30));
    final Reconciler reconciler = new Reconciler(runtime, lifecycle, states, stops, locks, () -> List.copyOf(desired),
            probes, host, Duration.ofSeconds(5));
    DockerEventStream events;

    @BeforeAll
    static void connect() {
        client = LocalDaemon.connect();
        runtime = LocalDaemon.runtime(client);
    }

    @AfterAll
    static void disconnect() throws IOException {
        client.close();
    }

    @BeforeEach
    void follow() {
        List<Boolean> connected = new CopyOnWriteArrayList<>();
        events = new DockerEventStream(client,
                new ContainerWatch(runtime, states, stops, locks, probes, host)::on, () -> connected.add(true));
        events.start();
        await().atMost(DEADLINE).until(() -> !connected.isEmpty());
    }

    @AfterEach
    void removeWhatThisTestCreated() {
        events.close();
        probes.close();
        LocalDaemon.removeContainersOf(client, run);
    }

    ContainerRequest web(String name, int hostPort, List<String> command, RestartPolicy restart, HealthCheck check) {
        ContainerRef ref = new ContainerRef(stack, "d-1", name);
        return new ContainerRequest(ref, "c-" + name, stack + "-" + name, IMAGE,
                List.of(new PortBinding(8080, hostPort, Protocol.TCP)), Map.of(), List.of(), command, null, null,
                Map.of(TEST_LABEL, run), restart, check);
    }

    static List<String> httpd() {
        return List.of("sh", "-c", "mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8080 -h /www");
    }

    @Test
    void containerKilledFromOutsideIsReportedExitedWithItsCodeAtOnce() throws Exception {
        lifecycle.deploy(web("web", freePort(), httpd(), null, null));
        String id = awaitChange(c -> c.status() == ContainerStatus.RUNNING).dockerId();

        Instant killed = Instant.now();
        client.killContainerCmd(id).exec();

        StatusChange exited = awaitChange(c -> c.status() == ContainerStatus.EXITED && id.equals(c.dockerId()));
        System.out.println("killed container reported after " + Duration.between(killed, Instant.now()).toMillis()
                + " ms: " + exited.message());
        assertThat(exited.commandId()).isNull();
        assertThat(exited.exitCode()).isEqualTo(137);
        assertThat(exited.message()).contains("exited with code 137");
    }

    @Test
    void restartPolicyIsAppliedAndADockerRestartIsReported() {
        lifecycle.deploy(web("web", freePort(), List.of("sh", "-c", "sleep 1; exit 3"),
                new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 1), null));
        String id = awaitChange(c -> c.status() == ContainerStatus.RUNNING).dockerId();

        InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
        assertThat(inspected.getHostConfig().getRestartPolicy().getName()).isEqualTo("on-failure");
        assertThat(inspected.getHostConfig().getRestartPolicy().getMaximumRetryCount()).isEqualTo(1);
        // dies, is restarted once by Docker, dies for good
        await().atMost(DEADLINE).until(() -> reported.stream().filter(c -> c.status() == ContainerStatus.EXITED
                && Integer.valueOf(3).equals(c.exitCode())).count() == 2);
        assertThat(reported).filteredOn(c -> c.commandId() == null && c.status() == ContainerStatus.RUNNING)
                .hasSize(1);
    }

    @Test
    void commandHealthCheckBecomesDockerHealthcheckAndItsTransitionsAreReported() {
        HealthCheck check = new HealthCheck(HealthCheck.Type.COMMAND, List.of("test", "-f", "/www/health"), null, 0,
                Duration.ofMillis(300), Duration.ofSeconds(1), 1, Duration.ZERO);
        lifecycle.deploy(web("web", freePort(), httpd(), null, check));
        String id = awaitChange(c -> c.status() == ContainerStatus.RUNNING).dockerId();
        assertThat(client.inspectContainerCmd(id).exec().getConfig().getHealthcheck().getTest())
                .containsExactly("CMD", "test", "-f", "/www/health");

        awaitChange(c -> c.health() == Health.HEALTHY);
        exec(id, "rm", "/www/health");
        StatusChange unhealthy = awaitChange(c -> c.health() == Health.UNHEALTHY);
        assertThat(unhealthy.commandId()).isNull();
        assertThat(unhealthy.status()).isEqualTo(ContainerStatus.RUNNING);
    }

    @Test
    void httpHealthCheckIsProbedOnThePublishedPortAndTurnsUnhealthyOnA404() {
        int port = freePort();
        HealthCheck check = new HealthCheck(HealthCheck.Type.HTTP, List.of(), "/health", port,
                Duration.ofMillis(200), Duration.ofSeconds(1), 2, Duration.ZERO);
        lifecycle.deploy(web("web", port, httpd(), null, check));
        String id = awaitChange(c -> c.status() == ContainerStatus.RUNNING).dockerId();
        assertThat(client.inspectContainerCmd(id).exec().getConfig().getLabels())
                .containsEntry(HealthCheck.LABEL, check.toLabel());

        awaitChange(c -> c.health() == Health.HEALTHY);
        exec(id, "rm", "/www/health");
        StatusChange unhealthy = awaitChange(c -> c.health() == Health.UNHEALTHY);
        assertThat(unhealthy.message()).contains("answered 404");
        assertThat(reported).extracting(StatusChange::health).containsSubsequence(Health.STARTING, Health.HEALTHY,
                Health.UNHEALTHY);
    }

    @Test
    void tcpHealthCheckIsStartingUntilThePortAnswers() {
        int port = freePort();
        HealthCheck check = new HealthCheck(HealthCheck.Type.TCP, List.of(), null, port, Duration.ofMillis(200),
                Duration.ofSeconds(1), 100, Duration.ZERO);
        lifecycle.deploy(web("web", port, List.of("sh", "-c", "sleep 1; exec httpd -f -p 8080"), null, check));
        awaitChange(c -> c.health() == Health.HEALTHY);
        assertThat(reported).extracting(StatusChange::health).containsSubsequence(Health.STARTING, Health.HEALTHY);
    }

    @Test
    void reconciliationCreatesWhatIsMissingStopsWhatShouldNotRunRemovesWhatIsNotDesiredAndNeverDuplicates() {
        ContainerRequest web = web("web", freePort(), httpd(), null, null);
        ContainerRequest db = web("db", freePort(), httpd(), null, null);
        ContainerRequest orphan = web("old", freePort(), httpd(), null, null);
        lifecycle.deploy(db);
        lifecycle.deploy(orphan);
        desired.add(new Desired(web.ref(), "c-web", true, web, null));
        desired.add(new Desired(db.ref(), "c-db-stop", false, db, null));

        List<Reconciliation.Action> first = reconciler.reconcile();
        List<Reconciliation.Action> second = reconciler.reconcile();

        assertThat(first).extracting(a -> a.getClass().getSimpleName())
                .containsExactlyInAnyOrder("Deploy", "Stop", "Remove");
        assertThat(second).extracting(a -> a.getClass().getSimpleName()).containsExactly("Adopt");
        assertThat(containers()).extracting(c -> c.getLabels().get("io.graphium.container") + " " + c.getState())
                .containsExactlyInAnyOrder("web running", "db exited");
        assertThat(reported).filteredOn(c -> c.ref().containerName().equals("old"))
                .extracting(StatusChange::status).endsWith(ContainerStatus.REMOVED);
    }

    private void exec(String id, String... command) {
        String exec = client.execCreateCmd(id).withCmd(command).exec().getId();
        client.execStartCmd(exec).start().onComplete();
        await().atMost(DEADLINE).until(() -> !Boolean.TRUE.equals(client.inspectExecCmd(exec).exec().isRunning()));
    }

    private StatusChange awaitChange(Predicate<StatusChange> matching) {
        return await().atMost(DEADLINE).until(() -> reported.stream().filter(matching).reduce((a, b) -> b)
                .orElse(null), java.util.Objects::nonNull);
    }

    private List<com.github.dockerjava.api.model.Container> containers() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
