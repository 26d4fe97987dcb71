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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
    /** How to start each service by its name (placement-service, orchestrator-N, host-agent-hN), in start order. */
    private final Map<String, Supplier<ServiceProcess>> launchers = new LinkedHashMap<>();
    /** The running process of each service; a kill removes it, a restart puts a new one. */
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> incarnations = new ConcurrentHashMap<>();
    /** Every process started so far, killed ones too: their logs are what the tests search. */
    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();
    /** Each orchestrator's Kafka Streams stores, kept across its restarts as an installed one keeps them. */
    private final Path stateDirs;
    private final String testClass = callingTestClass();

    private TestSystem(DockerTestbed testbed, KafkaBrokerProcess kafka, SchemaRegistryProcess registry,
                       Map<String, String> environment, Map<String, String> passwords) {
        this.testbed = testbed;
        this.kafka = kafka;
        this.registry = registry;
        this.environment = environment;
        this.passwords = passwords;
        try {
            this.stateDirs = Files.createTempDirectory("graphium-system-orchestrators-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The orchestrator instances' names: orchestrator-1 (the one {@link #api()} calls first), orchestrator-2, ... */
    static String orchestrator(int n) {
        return "orchestrator-" + n;
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

    /** As {@link #start(int)} with {@code orchestrators} orchestrator instances sharing the stacks. */
    static TestSystem startWithOrchestrators(int hosts, int orchestrators) {
        return start(hosts, "dc-1", false, orchestrators);
    }

    private static TestSystem start(int hosts, String datacenter, boolean secure) {
        return start(hosts, datacenter, secure, 1);
    }

    private static TestSystem start(int hosts, String datacenter, boolean secure, int orchestrators) {
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
            system.startServices(datacenter, orchestrators);
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

    private void startServices(String datacenter, int orchestrators) {
        launchers.put("placement-service", () -> ServiceProcess.start(logName("placement-service"),
                "placement-service", List.of(), environmentOf(Principals.PLACEMENT), "127.0.0.1", freePort()));
        for (int n = 1; n <= orchestrators; n++) {
            String name = orchestrator(n);
            int port = freePort();
            Map<String, String> env = environmentOf(Principals.ORCHESTRATOR);
            env.put("GRAPHIUM_ORCHESTRATOR_STATEDIR", stateDirs.resolve(name).toString());
            launchers.put(name, () -> ServiceProcess.start(logName(name), "orchestrator-service", List.of(), env,
                    "127.0.0.1", port));
        }
        for (TestbedHost host : testbed.hosts()) {
            Map<String, String> agent = environmentOf(Principals.agent(host.name()));
            agent.putAll(Map.of("GRAPHIUM_AGENT_HOST_ID", host.name(), "GRAPHIUM_AGENT_NAME", "testbed " + host.name(),
                    "GRAPHIUM_AGENT_IP_ADDRESS", host.ipAddress(), "GRAPHIUM_AGENT_DATACENTER", datacenter,
                    "GRAPHIUM_AGENT_DOCKER_HOST", host.dockerHost()));
            List<String> namespace = host.inNamespace("true");
            String name = "host-agent-" + host.name();
            launchers.put(name, () -> ServiceProcess.start(logName(name), "host-agent",
                    namespace.subList(0, namespace.size() - 1), agent, host.ipAddress(), 8083));
        }
        // Orchestrators last: fewer JVMs starting at once on a small machine, and they find placement and hosts up.
        List<String> orchestratorsLast = new ArrayList<>(launchers.keySet().stream()
                .filter(name -> !name.startsWith("orchestrator-")).toList());
        launchers.keySet().stream().filter(name -> name.startsWith("orchestrator-")).forEach(orchestratorsLast::add);
        List<String> first = orchestratorsLast.subList(0, orchestratorsLast.size() - orchestrators);
        first.forEach(name -> running.put(name, launch(name)));
        first.forEach(name -> running.get(name).awaitReady());
        List<String> then = orchestratorsLast.subList(first.size(), orchestratorsLast.size());
        then.forEach(name -> running.put(name, launch(name)));
        then.forEach(name -> running.get(name).awaitReady());
    }

    private ServiceProcess launch(String name) {
        ServiceProcess process = launchers.get(name).get();
        started.add(process);
        return process;
    }

    /**
     * The log of a service's first run is {@code <TestClass>/<name>.log}, of its later runs
     * {@code <TestClass>/<name>.restart-N.log}: one directory per test class, so a later test never overwrites the
     * logs that explain an earlier one's failure.
     */
    private String logName(String service) {
        int n = incarnations.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement();
        return testClass + "/" + (n == 0 ? service : service + ".restart-" + n);
    }

    /** The system test that started this system: the first caller outside this class. */
    private static String callingTestClass() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(name -> !name.equals(TestSystem.class.getName())).findFirst()
                .map(name -> name.substring(name.lastIndexOf('.') + 1)).orElse("system"));
    }

    /** The names of the services, in start order: placement-service, orchestrator-N, host-agent-hN. */
    List<String> serviceNames() {
        return List.copyOf(launchers.keySet());
    }

    /** kill -9 of service {@code name} (nothing happens if it is not running). */
    void kill(String name) {
        ServiceProcess process = running.remove(name);
        if (process != null) {
            process.kill();
        }
    }

    /** Starts service {@code name} again (after {@link #kill}) and waits until it is ready. */
    void restart(String name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException(name + " runs already");
        }
        ServiceProcess process = launch(name);
        running.put(name, process);
        process.awaitReady();
    }

    /** kill -9 of the orchestrator, then a new one on the same port, ready. */
    void killAndRestartOrchestrator() {
        kill(orchestrator(1));
        restart(orchestrator(1));
    }

    /** The REST API of the first orchestrator instance (it follows a kill and restart: same port). */
    OrchestratorApi api() {
        return api(1);
    }

    /** The REST API of orchestrator instance {@code n}. */
    OrchestratorApi api(int n) {
        ServiceProcess process = running.get(orchestrator(n));
        if (process == null) {
            throw new IllegalStateException(orchestrator(n) + " is not running");
        }
        return new OrchestratorApi(process.baseUrl(), TOKEN);
    }

    /** Whether service {@code name} runs (was not killed, or was restarted). */
    boolean isRunning(String name) {
        return running.containsKey(name);
    }

    /** The log lines of every service process, of every run so far, that contain {@code text}. */
    List<String> serviceLogLinesContaining(String text) {
        List<String> lines = new ArrayList<>();
        started.forEach(process -> lines.addAll(process.logLinesContaining(text)));
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
        running.values().forEach(ServiceProcess::close);
        running.clear();
        deleteRecursively(stateDirs);
        testbed.hosts().forEach(TestbedHost::removeAllContainers);
        testbed.close();
        registry.close();
        kafka.close();
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
