package io.graphium.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.ContainerWatch;
import io.graphium.agent.core.Desired;
import io.graphium.agent.core.HostFacts;
import io.graphium.agent.core.HostInventory;
import io.graphium.agent.core.HostState;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.Protocol;
import io.graphium.agent.core.Reconciler;
import io.graphium.agent.core.RegistryLogins;
import io.graphium.agent.core.ReportedStates;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StatusChange;
import io.graphium.agent.core.StopRequests;
import io.graphium.agent.core.HealthProbes;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.InfraScript;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Docker daemon of the testbed killed (-9, taking its containers with it) and started again: the agent notices
 * through its event stream, reports the host DEGRADED meanwhile, and once the daemon answers reconciles, so the
 * desired container runs again, once.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
class DaemonRestartTest {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static DockerTestbed testbed;
    static TestbedHost host;
    static DockerClient client;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String hostId = "dr-" + run;
    final List<StatusChange> reported = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void up() {
        testbed = DockerTestbed.up(1);
        host = testbed.host(1);
        client = DockerClients.create(URI.create(host.dockerHost()), Duration.ofSeconds(20));
    }

    @AfterAll
    static void down() throws IOException {
        if (client != null) {
            client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("graphium.test", "daemon-restart"))
                    .exec().forEach(c -> client.removeContainerCmd(c.getId()).withForce(true).exec());
            client.close();
        }
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void afterTheDaemonIsKilledAndRestartedTheDesiredContainerRunsAgainExactlyOnce() throws Exception {
        DockerContainerRuntime runtime = new DockerContainerRuntime(client, "0.0.0.0", Duration.ofSeconds(20),
                RegistryLogins.none());
        ReportedStates states = new ReportedStates(reported::add);
        StopRequests stops = new StopRequests();
        SlotLocks locks = new SlotLocks();
        ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, states, stops, locks, hostId,
                Duration.ofSeconds(30));
        ContainerRef ref = new ContainerRef("dr" + run, "d-1", "web");
        ContainerRequest web = new ContainerRequest(ref, "c-web-" + run, "dr" + run + "-web", "graphium/busybox:1",
                List.of(new PortBinding(8080, 18080, Protocol.TCP)), Map.of(), List.of(),
                List.of("httpd", "-f", "-p", "8080"), null, null, Map.of("graphium.test", "daemon-restart"));
        Reconciler reconciler = new Reconciler(runtime, lifecycle, states, stops, locks,
                () -> List.of(new Desired(ref, web.commandId(), true, web, null)), HealthProbes.NONE, hostId,
                Duration.ofSeconds(5));
        AtomicInteger reconciliations = new AtomicInteger();
        try (DockerEventStream events = new DockerEventStream(client,
                new ContainerWatch(runtime, states, stops, locks, HealthProbes.NONE, hostId)::on, () -> {
                    reconciler.reconcile();
                    reconciliations.incrementAndGet();
                })) {
            events.start();
            await().atMost(DEADLINE).until(() -> reconciliations.get() == 1);
            assertThat(reported).filteredOn(c -> c.status() == ContainerStatus.RUNNING).hasSize(1);
            String before = reported.get(reported.size() - 1).dockerId();

            String pid = Files.readString(host.stateDir().resolve(host.name()).resolve("docker.pid")).strip();
            new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
            HostInventory inventory = new HostInventory(runtime, stops, new HostFacts(1, 1, null));
            await().atMost(DEADLINE).until(() -> inventory.report().state() == HostState.DEGRADED);

            InfraScript.run(Duration.ofMinutes(3), "testbed", "--state-dir", host.stateDir().toString(), "up", "1");

            await().atMost(DEADLINE).until(() -> reconciliations.get() >= 2);
            await().atMost(DEADLINE).until(() -> inventory.report().state() == HostState.ACTIVE);
            List<com.github.dockerjava.api.model.Container> containers = client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.graphium.stack", ref.stackId())).exec();
            assertThat(containers).singleElement().satisfies(c -> {
                assertThat(c.getState()).isEqualTo("running");
                assertThat(c.getId()).isEqualTo(before); // started again, not created a second time
            });
            assertThat(reported).filteredOn(c -> c.status() == ContainerStatus.RUNNING
                    && web.commandId().equals(c.commandId())).hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
