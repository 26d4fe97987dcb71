package io.graphium.orchestrator.core;

import static io.graphium.orchestrator.core.Definitions.parsed;
import static io.graphium.orchestrator.core.Definitions.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentInjectorTest {

    private static final String HOST1 = "192.168.1.10";
    private static final String HOST2 = "192.168.1.11";

    /** The spec's my-app: web and api on host1, postgres and redis on host2. */
    private final StackDefinition myApp = parsed(Definitions.file("my-app-stack.json"));
    private final Map<String, Placement> myAppPlacements = Map.of(
            "web", on("host1", HOST1, myApp, "web"),
            "api", on("host1", HOST1, myApp, "api"),
            "postgres", on("host2", HOST2, myApp, "postgres"),
            "redis", on("host2", HOST2, myApp, "redis"));

    @Test
    void servicesAreReachedAtTheirHostIpAndFirstPublishedPort() {
        assertThat(ServiceEndpoints.of(myApp, myAppPlacements).addresses()).containsExactly(
                entry("web", "192.168.1.10:8080"), entry("api", "192.168.1.10:3000"),
                entry("postgres", "192.168.1.11:5432"), entry("redis", "192.168.1.11:6379"));
    }

    @Test
    void webGetsPostgresHostFilledAndEveryOtherServicesEndpoint() {
        Map<String, EnvValue> web = EnvironmentInjector.resolve(myApp, myAppPlacements).get("web");

        assertThat(web).containsExactly(
                entry("POSTGRES_HOST", EnvValue.plain(HOST2)),
                entry("POSTGRES_PORT", EnvValue.plain("5432")),
                entry("API_ENDPOINT", EnvValue.plain("192.168.1.10:3000")),
                entry("POSTGRES_ENDPOINT", EnvValue.plain("192.168.1.11:5432")),
                entry("REDIS_ENDPOINT", EnvValue.plain("192.168.1.11:6379")));
    }

    @Test
    void apiGetsBothHostsFilled() {
        Map<String, EnvValue> api = EnvironmentInjector.resolve(myApp, myAppPlacements).get("api");

        assertThat(api).containsExactly(
                entry("POSTGRES_HOST", EnvValue.plain(HOST2)),
                entry("POSTGRES_PORT", EnvValue.plain("5432")),
                entry("REDIS_HOST", EnvValue.plain(HOST2)),
                entry("REDIS_PORT", EnvValue.plain("6379")),
                entry("WEB_ENDPOINT", EnvValue.plain("192.168.1.10:8080")),
                entry("POSTGRES_ENDPOINT", EnvValue.plain("192.168.1.11:5432")),
                entry("REDIS_ENDPOINT", EnvValue.plain("192.168.1.11:6379")));
    }

    @Test
    void aServiceGetsNoEndpointOfItselfAndKeepsItsSecrets() {
        Map<String, EnvValue> postgres = EnvironmentInjector.resolve(myApp, myAppPlacements).get("postgres");

        assertThat(postgres).containsExactly(
                entry("POSTGRES_PASSWORD", new EnvValue("secret", true)),
                entry("WEB_ENDPOINT", EnvValue.plain("192.168.1.10:8080")),
                entry("API_ENDPOINT", EnvValue.plain("192.168.1.10:3000")),
                entry("REDIS_ENDPOINT", EnvValue.plain("192.168.1.11:6379")));
    }

    @Test
    void neverOverwritesWhatTheUserSet() {
        StackDefinition stack = parsed(stack(
                "{'name':'web','image':'nginx','environment':{'DB_ENDPOINT':'db.example:5432',"
                        + "'DB_HOST':'db.example','DB_PORT':'6543','CACHE_ENDPOINT':''}}",
                "{'name':'db','image':'postgres','ports':[{'containerPort':5432,'hostPort':5432}]}",
                "{'name':'cache','image':'redis','ports':[{'containerPort':6379,'hostPort':6379}]}"));
        Map<String, Placement> placements = placeAll(stack, "h1", HOST1);

        assertThat(EnvironmentInjector.resolve(stack, placements).get("web")).containsExactly(
                entry("DB_ENDPOINT", EnvValue.plain("db.example:5432")),
                entry("DB_HOST", EnvValue.plain("db.example")),
                entry("DB_PORT", EnvValue.plain("6543")),
                entry("CACHE_ENDPOINT", EnvValue.plain("192.168.1.10:6379")));
    }

    @Test
    void unpublishedPortsAreNoEndpoints() {
        StackDefinition stack = parsed(stack(
                "{'name':'web','image':'nginx','environment':{'WORKER_HOST':'','WORKER_PORT':''}}",
                "{'name':'worker','image':'worker','ports':[{'containerPort':9000,'hostPort':0}]}",
                "{'name':'metrics','image':'prom','ports':[{'containerPort':9100},{'containerPort':9090,"
                        + "'hostPort':19090}]}"));
        Map<String, Placement> placements = placeAll(stack, "h1", HOST1);

        assertThat(ServiceEndpoints.of(stack, placements).addresses())
                .containsExactly(entry("metrics", "192.168.1.10:19090"));
        assertThat(EnvironmentInjector.resolve(stack, placements).get("web")).containsExactly(
                entry("WORKER_HOST", EnvValue.plain("")),
                entry("WORKER_PORT", EnvValue.plain("")),
                entry("METRICS_ENDPOINT", EnvValue.plain("192.168.1.10:19090")));
    }

    @Test
    void namesWithDashesAndDotsBecomeUnderscores() {
        StackDefinition stack = parsed(stack("{'name':'web','image':'nginx','environment':{'USER_DB_EU_HOST':''}}",
                "{'name':'user-db.eu','image':'postgres','ports':[{'containerPort':5432,'hostPort':5432}]}"));

        assertThat(EnvironmentInjector.resolve(stack, placeAll(stack, "h2", HOST2)).get("web")).containsExactly(
                entry("USER_DB_EU_HOST", EnvValue.plain(HOST2)),
                entry("USER_DB_EU_ENDPOINT", EnvValue.plain("192.168.1.11:5432")));
    }

    @Test
    void aFilledSecretStaysSecret() {
        StackDefinition stack = parsed(stack(
                "{'name':'web','image':'nginx','environment':{'DB_HOST':{'value':'','secret':true}}}",
                "{'name':'db','image':'postgres','ports':[{'containerPort':5432,'hostPort':5432}]}"));

        assertThat(EnvironmentInjector.resolve(stack, placeAll(stack, "h1", HOST1)).get("web"))
                .containsEntry("DB_HOST", new EnvValue(HOST1, true));
    }

    @Test
    void unplacedContainersHaveNoEndpoint() {
        Map<String, Placement> withoutRedis = new LinkedHashMap<>(myAppPlacements);
        withoutRedis.remove("redis");

        assertThat(ServiceEndpoints.of(myApp, withoutRedis).byService()).doesNotContainKey("redis");
        assertThat(EnvironmentInjector.resolve(myApp, withoutRedis).get("api"))
                .containsEntry("REDIS_HOST", EnvValue.plain("")).doesNotContainKey("REDIS_ENDPOINT");
    }

    @Test
    void ipv6HostsAreBracketed() {
        assertThat(new Endpoint("fd00::11", 5432).address()).isEqualTo("[fd00::11]:5432");
    }

    @Test
    void resolvedContainersCarryTheirResolvedEnvironment() {
        Map<String, ContainerDefinition> containers = EnvironmentInjector.resolveContainers(myApp, myAppPlacements);

        assertThat(containers.keySet()).containsExactly("web", "api", "postgres", "redis");
        assertThat(containers.get("web").environment())
                .isEqualTo(EnvironmentInjector.resolve(myApp, myAppPlacements).get("web"));
        assertThat(containers.get("web").image()).isEqualTo("nginx:latest");
    }

    private static Placement on(String hostId, String hostIp, StackDefinition stack, String container) {
        return new Placement(hostId, hostIp, stack.containers().stream().filter(c -> c.name().equals(container))
                .findFirst().orElseThrow().ports());
    }

    private static Map<String, Placement> placeAll(StackDefinition stack, String hostId, String hostIp) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        stack.containers().forEach(c -> placements.put(c.name(), new Placement(hostId, hostIp, c.ports())));
        return placements;
    }
}
