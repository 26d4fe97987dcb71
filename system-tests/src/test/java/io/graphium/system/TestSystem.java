package io.graphium.system;

import io.graphium.events.SecretSealer;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.acl.AccessPlan;
import io.graphium.kafka.acl.AclProvisioner;
import io.graphium.kafka.acl.Principals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole system for a system test: a testbed of Docker hosts (network namespaces, one dockerd each), a real broker
 * and registry on the testbed's gateway, the placement service and the orchestrator as processes, and one host agent
 * per host started inside its namespace against that host's daemon. Plus what tests do with it over HTTP.
 *
 * <p>{@link #startSecure(int)} runs the same system with Kafka security on (docs/security/kafka.md): a broker that
 * speaks only SASL_SSL (SCRAM-SHA-512) and allows nothing without an ACL, one SCRAM user with a random password per
 * principal (orchestrator, placement, one per agent), topics and ACLs provisioned from {@link AccessPlan} for the
 * testbed's hosts as {@code graphium acl apply} does, and each service connecting as its own principal.
 */
final class TestSystem implements AutoCloseable {

    private static final String GATEWAY = "10.213.0.1";
    /** The orchestrator's API needs a token: the tests call it as this admin. */
    static final ApiToken TOKEN = ApiToken.admin("system-test");

    final DockerTestbed testbed;
    final KafkaBrokerProcess kafka;
    final SchemaRegistryProcess registry;
    private final Map<String, String> environment;
    /** Kafka principal to SCRAM password; empty on a plaintext broker. */
    private final Map<String, String> passwords;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final int orchestratorPort = freePort();
    private ServiceProcess orchestrator;

    private TestSystem(DockerTestbed testbed, KafkaBrokerProcess kafka, SchemaRegistryProcess registry,
                       Map<String, String> environment, Map<String, String> passwords) {
        this.testbed = testbed;
        this.kafka = kafka;
        this.registry = registry;
        this.environment = environment;
        this.passwords = passwords;
    }

    /** Starts everything on {@code hosts} testbed hosts (left without containers) and waits until it is ready. */
    static TestSystem start(int hosts) {
        return start(hosts, "dc-1");
    }

    /** As {@link #start(int)}, with every agent reporting {@code datacenter}. */
    static TestSystem start(int hosts, String datacenter) {
        return start(hosts, datacenter, false);
    }

    /**
     * As {@link #start(int)} with Kafka security on: a SASL_SSL broker with ACLs from {@link AccessPlan} for the
     * testbed's hosts, and every service as its own principal with its own password.
     */
    static TestSystem startSecure(int hosts) {
        return start(hosts, "dc-1", true);
    }

    private static TestSystem start(int hosts, String datacenter, boolean secure) {
        DockerTestbed testbed = DockerTestbed.up(hosts);
        KafkaBrokerProcess kafka = null;
        SchemaRegistryProcess registry = null;
        TestSystem system = null;
        try {
            testbed.hosts().forEach(TestbedHost::removeAllContainers);
            // Reachable from the root namespace and from every host: the testbed's gateway address.
            kafka = secure ? KafkaBrokerProcess.startSecure(GATEWAY) : KafkaBrokerProcess.start(GATEWAY);
            Map<String, String> passwords = secure ? provision(kafka, testbed) : Map.of();
            registry = SchemaRegistryProcess.start(GATEWAY);
            system = new TestSystem(testbed, kafka, registry, Map.of("GRAPHIUM_KAFKA",
                    kafka.bootstrapServers(), "GRAPHIUM_REGISTRY", registry.url(), "GRAPHIUM_SECRETS_SEALING_KEY",
                    SecretSealer.newBase64Key(), "GRAPHIUM_SECURITY_TOKENS", TOKEN.line()), passwords);
            system.startServices(datacenter);
            return system;
        } catch (RuntimeException | Error e) {
            if (system != null) {
                system.close();
            } else {
                testbed.hosts().forEach(TestbedHost::removeAllContainers);
                testbed.close();
                if (registry != null) {
                    registry.close();
                }
                if (kafka != null) {
                    kafka.close();
                }
            }
            throw e;
        }
    }

    /** What an operator does with {@code graphium acl apply}: users, topics and ACLs for the testbed's hosts. */
    private static Map<String, String> provision(KafkaBrokerProcess kafka, DockerTestbed testbed) {
        List<String> hostIds = testbed.hosts().stream().map(TestbedHost::name).toList();
        Map<String, String> passwords = new HashMap<>();
        List<String> principals = new ArrayList<>(List.of(Principals.ORCHESTRATOR, Principals.PLACEMENT));
        hostIds.forEach(h -> principals.add(Principals.agent(h)));
        for (String principal : principals) {
            String password = UUID.randomUUID().toString();
            kafka.createUser(principal, password);
            passwords.put(principal, password);
        }
        try (Admin admin = Admin.create(kafka.adminSettings())) {
            AclProvisioner.apply(admin, AccessPlan.forHosts(hostIds));
        }
        return Map.copyOf(passwords);
    }

    /** Whether the broker is the secure one of {@link #startSecure(int)}. */
    boolean secure() {
        return !passwords.isEmpty();
    }

    /** Kafka client settings of {@code principal} (its own SCRAM credentials on a secure system). */
    Map<String, Object> kafkaSettings(String principal) {
        if (secure() && !passwords.containsKey(principal)) {
            throw new IllegalArgumentException("no Kafka user " + principal + " on this system");
        }
        return kafka.clientSettings(principal, passwords.get(principal));
    }

    /**
     * The environment of a service that connects as {@code principal}: the shared settings plus, on a secure system,
     * its SASL_SSL client settings as Spring Boot properties (SPRING_APPLICATION_JSON keeps the exact property names,
     * e.g. the map key {@code sasl.jaas.config} of {@code spring.kafka.properties}).
     */
    private Map<String, String> environmentOf(String principal) {
        Map<String, String> env = new HashMap<>(environment);
        if (secure()) {
            Map<String, String> spring = new java.util.LinkedHashMap<>();
            spring.put("spring.kafka.security.protocol", "SASL_SSL");
            spring.put("spring.kafka.ssl.trust-store-location", "file:" + kafka.trustStore());
            spring.put("spring.kafka.ssl.trust-store-password", kafka.trustStorePassword());
            spring.put("spring.kafka.ssl.trust-store-type", "PKCS12");
            spring.put("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
            spring.put("spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram."
                    + "ScramLoginModule required username=\"" + principal + "\" password=\""
                    + passwords.get(principal) + "\";");
            StringBuilder json = new StringBuilder("{");
            spring.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(jsonString(k)).append(':')
                    .append(jsonString(v)));
            env.put("SPRING_APPLICATION_JSON", json.append('}').toString());
        }
        return env;
    }

    private static String jsonString(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private void startServices(String datacenter) {
        services.add(ServiceProcess.start("placement-service", "placement-service", List.of(),
                environmentOf(Principals.PLACEMENT),
                "127.0.0.1", freePort()));
        orchestrator = startOrchestrator("orchestrator-service");
        for (TestbedHost host : testbed.hosts()) {
            Map<String, String> agent = environmentOf(Principals.agent(host.name()));
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
        return ServiceProcess.start(name, "orchestrator-service", List.of(), environmentOf(Principals.ORCHESTRATOR),
                "127.0.0.1",
                orchestratorPort);
    }

    /** The orchestrator's REST API (it follows a kill and restart: same port). */
    OrchestratorApi api() {
        return new OrchestratorApi(orchestrator.baseUrl(), TOKEN);
    }

    /** The log lines of every service process (orchestrator, placement, agents) that contain {@code text}. */
    List<String> serviceLogLinesContaining(String text) {
        List<String> lines = new ArrayList<>(orchestrator.logLinesContaining(text));
        services.forEach(s -> lines.addAll(s.logLinesContaining(text)));
        return lines;
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
