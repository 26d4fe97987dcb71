package io.graphium.system;

import io.graphium.events.SecretSealer;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.TestbedHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as real processes on a testbed: broker and registry on the testbed's gateway address (reachable
 * from every host), placement service and orchestrator on loopback, and one host agent inside each host's network
 * namespace driving that host's daemon. {@link #close()} stops them all (the testbed stays with its owner).
 */
final class GraphiumSystem implements AutoCloseable {

    /** The root namespace's address on the testbed LAN. */
    static final String GATEWAY = "10.213.0.1";

    private final List<AutoCloseable> started = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private SchemaRegistryProcess registry;
    private ServiceProcess orchestrator;

    private GraphiumSystem() {
    }

    /** Starts everything and waits until every service is ready; agents report {@code datacenter}. */
    static GraphiumSystem start(DockerTestbed testbed, String datacenter) {
        GraphiumSystem system = new GraphiumSystem();
        try {
            system.startAll(testbed, datacenter);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startAll(DockerTestbed testbed, String datacenter) {
        kafka = remember(KafkaBrokerProcess.start(GATEWAY));
        registry = remember(SchemaRegistryProcess.start(GATEWAY));
        Map<String, String> common = Map.of("GRAPHIUM_KAFKA", kafka.bootstrapServers(),
                "GRAPHIUM_REGISTRY", registry.url(), "GRAPHIUM_SECRETS_SEALING_KEY", SecretSealer.newBase64Key());
        List<ServiceProcess> services = new ArrayList<>();
        services.add(remember(ServiceProcess.start("placement-service", "placement-service", List.of(), common,
                "127.0.0.1", freePort())));
        orchestrator = remember(ServiceProcess.start("orchestrator-service", "orchestrator-service", List.of(),
                common, "127.0.0.1", freePort()));
        services.add(orchestrator);
        for (TestbedHost host : testbed.hosts()) {
            Map<String, String> agent = new HashMap<>(common);
            agent.putAll(Map.of("GRAPHIUM_AGENT_HOST_ID", host.name(), "GRAPHIUM_AGENT_NAME", "testbed " + host.name(),
                    "GRAPHIUM_AGENT_IP_ADDRESS", host.ipAddress(), "GRAPHIUM_AGENT_DATACENTER", datacenter,
                    "GRAPHIUM_AGENT_DOCKER_HOST", host.dockerHost()));
            List<String> namespace = host.inNamespace("true");
            services.add(remember(ServiceProcess.start("host-agent-" + host.name(), "host-agent",
                    namespace.subList(0, namespace.size() - 1), agent, host.ipAddress(), 8083)));
        }
        services.forEach(ServiceProcess::awaitReady);
    }

    ServiceProcess orchestrator() {
        return orchestrator;
    }

    KafkaBrokerProcess kafka() {
        return kafka;
    }

    SchemaRegistryProcess registry() {
        return registry;
    }

    /** Stops what was started, last first. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the system failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private <T extends AutoCloseable> T remember(T process) {
        started.add(process);
        return process;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
