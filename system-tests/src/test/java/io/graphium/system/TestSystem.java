package io.graphium.system;

import io.graphium.events.SecretSealer;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.TestbedHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system for a system test: a testbed of Docker hosts (network namespaces, one dockerd each), a real broker
 * and registry on the testbed's gateway, the placement service and the orchestrator as processes, and one host agent
 * per host started inside its namespace against that host's daemon. Plus what tests do with it over HTTP.
 */
final class TestSystem implements AutoCloseable {

    private static final String GATEWAY = "10.213.0.1";
    /** The orchestrator's API needs a token: the tests call it as this admin. */
    static final ApiToken TOKEN = ApiToken.admin("system-test");

    final DockerTestbed testbed;
    final KafkaBrokerProcess kafka;
    final SchemaRegistryProcess registry;
    private final Map<String, String> environment;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final int orchestratorPort = freePort();
    private ServiceProcess orchestrator;

    private TestSystem(DockerTestbed testbed, KafkaBrokerProcess kafka, SchemaRegistryProcess registry,
                       Map<String, String> environment) {
        this.testbed = testbed;
        this.kafka = kafka;
        this.registry = registry;
        this.environment = environment;
    }

    /** Starts everything on {@code hosts} testbed hosts (left without containers) and waits until it is ready. */
    static TestSystem start(int hosts) {
        return start(hosts, "dc-1");
    }

    /** As {@link #start(int)}, with every agent reporting {@code datacenter}. */
    static TestSystem start(int hosts, String datacenter) {
        DockerTestbed testbed = DockerTestbed.up(hosts);
        testbed.hosts().forEach(TestbedHost::removeAllContainers);
        // Reachable from the root namespace and from every host: the testbed's gateway address.
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start(GATEWAY);
        SchemaRegistryProcess registry = SchemaRegistryProcess.start(GATEWAY);
        TestSystem system = new TestSystem(testbed, kafka, registry, Map.of("GRAPHIUM_KAFKA",
                kafka.bootstrapServers(), "GRAPHIUM_REGISTRY", registry.url(), "GRAPHIUM_SECRETS_SEALING_KEY",
                SecretSealer.newBase64Key(), "GRAPHIUM_SECURITY_TOKENS", TOKEN.line()));
        try {
            system.startServices(datacenter);
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
        return system;
    }

    private void startServices(String datacenter) {
        services.add(ServiceProcess.start("placement-service", "placement-service", List.of(), environment,
                "127.0.0.1", freePort()));
        orchestrator = startOrchestrator("orchestrator-service");
        for (TestbedHost host : testbed.hosts()) {
            Map<String, String> agent = new HashMap<>(environment);
            agent.putAll(Map.of("GRAPHIUM_AGENT_HOST_ID", host.name(), "GRAPHIUM_AGENT_NAME", "testbed " + host.name(),
                    "GRAPHIUM_AGENT_IP_ADDRESS", host.ipAddress(), "GRAPHIUM_AGENT_DATACENTER", datacenter,
                    "GRAPHIUM_AGENT_DOCKER_HOST", host.dockerHost()));
            List<String> namespace = host.inNamespace("true");
            services.add(ServiceProcess.start("host-agent-" + host.name(), "host-agent",
                    namespace.subList(0, namespace.size() - 1), agent, host.ipAddress(), 8083));
        }
        services.forEach(ServiceProcess::awaitReady);
        orchestrator.awaitReady();
    }

    /** kill -9 of the orchestrator, then a new one on the same port, ready. */
    void killAndRestartOrchestrator() {
        orchestrator.kill();
        orchestrator = startOrchestrator("orchestrator-service-restarted").awaitReady();
    }

    private ServiceProcess startOrchestrator(String name) {
        return ServiceProcess.start(name, "orchestrator-service", List.of(), environment, "127.0.0.1",
                orchestratorPort);
    }

    /** The orchestrator's REST API (it follows a kill and restart: same port). */
    OrchestratorApi api() {
        return new OrchestratorApi(orchestrator.baseUrl(), TOKEN);
    }

    TestbedHost host(String hostId) {
        return testbed.hosts().stream().filter(h -> h.name().equals(hostId)).findFirst().orElseThrow();
    }

    String ipOf(String hostId) {
        return host(hostId).ipAddress();
    }

    @Override
    public void close() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        services.forEach(ServiceProcess::close);
        testbed.hosts().forEach(TestbedHost::removeAllContainers);
        testbed.close();
        registry.close();
        kafka.close();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
