package io.graphium.orchestrator.core;

import static io.graphium.orchestrator.core.Definitions.json;
import static io.graphium.orchestrator.core.Definitions.parsed;
import static io.graphium.orchestrator.core.Definitions.stack;
import static io.graphium.orchestrator.core.Definitions.stackWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StackDefinitionParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"my-app-stack.json", "example-1-three-tier.json", "example-2-high-availability.json",
            "example-3-data-locality.json", "full-featured.json"})
    void readsEveryDefinitionOfTheSpecWithoutProblems(String file) {
        ParseResult result = StackDefinitionParser.parseAndValidate(Definitions.file(file));

        assertThat(result.problems()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"no, NO, 0", "always, ALWAYS, 0", "unless-stopped, UNLESS_STOPPED, 0", "on-failure, ON_FAILURE, 0",
            "on-failure:5, ON_FAILURE, 5", "On-Failure:3, ON_FAILURE, 3"})
    void readsTheRestartPolicyExtension(String text, RestartPolicy.Mode mode, int retries) {
        StackDefinition stack = parsed(stack("{'name':'web','image':'nginx','restartPolicy':'" + text + "'}"));

        assertThat(stack.containers().get(0).restartPolicy()).isEqualTo(new RestartPolicy(mode, retries));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometimes", "always:3", "on-failure:x", "on-failure:-1"})
    void refusesAnUnknownRestartPolicyWithItsPathAndTheChoices(String text) {
        ParseResult result = StackDefinitionParser.parseAndValidate(stack(
                "{'name':'web','image':'nginx','restartPolicy':'" + text + "'}"));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.itemListElement[0].restartPolicy");
            assertThat(p.message()).isEqualTo("container 'web': restartPolicy '" + text + "' is not one of \"no\", "
                    + "\"on-failure\", \"on-failure:N\" (N restarts at most), \"always\", \"unless-stopped\"");
        });
    }

    @Test
    void noRestartPolicyMeansNone() {
        assertThat(parsed(stack("{'name':'web','image':'nginx'}")).containers().get(0).restartPolicy()).isNull();
    }

    @Test
    void readsTheSpecsMyAppStack() {
        StackDefinition stack = parsed(Definitions.file("my-app-stack.json"));

        assertThat(stack.name()).isEqualTo("my-app");
        assertThat(stack.description()).isEqualTo("My distributed application");
        assertThat(stack.deployment()).isEqualTo(new Deployment(DeploymentMode.MULTI_HOST, PlacementStrategy.AUTO,
                NetworkMode.HOST_PORT, List.of(), UpdatePolicy.DEFAULT));
        assertThat(stack.containers()).extracting(ContainerDefinition::name, ContainerDefinition::position,
                        ContainerDefinition::image)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", 1, "nginx:latest"),
                        org.assertj.core.groups.Tuple.tuple("api", 2, "myapp/api:latest"),
                        org.assertj.core.groups.Tuple.tuple("postgres", 3, "postgres:14"),
                        org.assertj.core.groups.Tuple.tuple("redis", 4, "redis:7"));
        ContainerDefinition web = stack.containers().get(0);
        assertThat(web.ports()).containsExactly(new PortMapping(80, 8080, Protocol.TCP));
        assertThat(web.environment()).containsExactly(entry("POSTGRES_HOST", EnvValue.plain("")),
                entry("POSTGRES_PORT", EnvValue.plain("5432")));
        assertThat(stack.containers().get(2).environment())
                .containsExactly(entry("POSTGRES_PASSWORD", new EnvValue("secret", true)));
        assertThat(stack.containers().get(3).environment()).isEmpty();
    }

    @Test
    void readsTheSpecsManualPlacementExample() {
        StackDefinition stack = parsed(Definitions.file("example-3-data-locality.json"));

        assertThat(stack.deployment().strategy()).isEqualTo(PlacementStrategy.MANUAL);
        assertThat(stack.deployment().hostConstraints()).containsExactly(
                new HostConstraint("processor", "compute-node-1", null, 8.0, 17179869184L, Map.of()),
                new HostConstraint("database", "storage-node-1", null, null, 34359738368L, Map.of()));
        assertThat(stack.containers().get(0).position()).isNull();
    }

    @Test
    void readsEveryField() {
        StackDefinition stack = parsed(Definitions.file("full-featured.json"));

        assertThat(stack.location()).isEqualTo("eu-central");
        assertThat(stack.volumes()).containsExactly("db-data", "uploads");
        assertThat(stack.deployment()).isEqualTo(new Deployment(DeploymentMode.SINGLE_HOST,
                PlacementStrategy.DATACENTER, NetworkMode.HOST_PORT, List.of(new HostConstraint("db", null,
                "eu-central", 2.0, 4L << 30, Map.of("disk", "ssd", "tier", "1"))),
                new UpdatePolicy(2, UpdatePolicy.Order.START_FIRST, java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofMinutes(10), UpdatePolicy.FailureAction.PAUSE)));

        ContainerDefinition db = stack.containers().get(0);
        assertThat(db.environment()).containsExactly(
                entry("POSTGRES_PASSWORD", new EnvValue("s3cret", true)),
                entry("POSTGRES_DB", new EnvValue("shop", false)),
                entry("TOKEN_URL", new EnvValue("https://auth.example/token", false)),
                entry("REPLICATION_KEY", new EnvValue("abc", true)),
                entry("MAX_CONNECTIONS", new EnvValue("200", false)));
        assertThat(db.volumeMounts()).containsExactly(
                new VolumeMount(VolumeType.VOLUME, "db-data", "/var/lib/postgresql/data", false),
                new VolumeMount(VolumeType.BIND, "/etc/shop/pg.conf", "/etc/postgresql/postgresql.conf", true),
                new VolumeMount(VolumeType.TMPFS, null, "/run/postgresql", false));
        assertThat(db.healthCheck()).isEqualTo(new HealthCheck(HealthCheckType.COMMAND,
                List.of("pg_isready", "-U", "postgres"), null, null, Duration.ofSeconds(5), Duration.ofSeconds(2), 10,
                Duration.ofSeconds(90)));
        assertThat(db.resources()).isEqualTo(new Resources(2, 2L << 30));

        ContainerDefinition cache = stack.containers().get(1);
        assertThat(cache.command()).containsExactly("redis-server", "--save", "", "--appendonly", "no");
        assertThat(cache.healthCheck()).isEqualTo(new HealthCheck(HealthCheckType.TCP, List.of(), null, 6379, null,
                null, 3, null));
        assertThat(cache.resources()).isEqualTo(new Resources(0.5, 268435456));

        ContainerDefinition api = stack.containers().get(2);
        assertThat(api.ports()).containsExactly(new PortMapping(8080, 8080, Protocol.TCP),
                new PortMapping(9090, 0, Protocol.TCP), new PortMapping(5353, 5353, Protocol.UDP));
        assertThat(api.dependsOn()).containsExactly(new Dependency("cache", false), new Dependency("db", true));
        assertThat(api.healthCheck().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(api.healthCheck().timeout()).isEqualTo(HealthCheck.DEFAULT_TIMEOUT);
        assertThat(stack.containers().get(3).dependsOn()).containsExactly(new Dependency("api", true));
    }

    @ParameterizedTest
    @CsvSource({
            "POSTGRES_PASSWORD, true", "db_password, true", "MYSQL_ROOT_PASSWD, true", "JWT_SECRET, true",
            "GITHUB_TOKEN, true", "ssh-private-key, true", "TLS_PRIVATE_KEY, true", "STRIPE_API_KEY, true",
            "ApiKey, true", "AWS_CREDENTIALS, true", "POSTGRES_USER, false", "REDIS_HOST, false",
            "KEYCLOAK_URL, false"})
    void marksVariablesWhoseNameSaysSecretAsSecret(String name, boolean secret) {
        StackDefinition stack = parsed(stack("{'name':'web','image':'nginx','environment':{'" + name + "':'v'}}"));

        assertThat(stack.containers().get(0).environment().get(name).secret()).isEqualTo(secret);
    }

    @Test
    void neverPrintsSecretValues() {
        assertThat(new EnvValue("hunter2", true).toString()).doesNotContain("hunter2");
    }

    /** Each case has one thing the parser cannot read: {definition, path, message}. */
    static Stream<Arguments> unreadable() {
        return Stream.of(
                argumentSet("unknown strategy, with a suggestion",
                        stackWith("'deployment':{'placementStrategy':'sprad'}", "{'name':'web','image':'nginx'}"),
                        "$.deployment.placementStrategy",
                        "placementStrategy 'sprad' is not one of auto, manual, spread, datacenter; did you mean "
                                + "'spread'?"),
                argumentSet("unknown strategy", stackWith("'deployment':{'placementStrategy':'random'}",
                                "{'name':'web','image':'nginx'}"), "$.deployment.placementStrategy",
                        "placementStrategy 'random' is not one of auto, manual, spread, datacenter."),
                argumentSet("unknown update failureAction", stackWith(
                                "'deployment':{'update':{'failureAction':'revert'}}", "{'name':'web','image':'nginx'}"),
                        "$.deployment.update.failureAction",
                        "failureAction 'revert' is not one of rollback, pause, continue."),
                argumentSet("Nomad's max_parallel", stackWith("'deployment':{'update':{'max_parallel':2}}",
                                "{'name':'web','image':'nginx'}"), "$.deployment.update.max_parallel",
                        "unknown field 'max_parallel'; did you mean 'parallelism'?"),
                argumentSet("unknown mode", stackWith("'deployment':{'mode':'cluster'}",
                                "{'name':'web','image':'nginx'}"), "$.deployment.mode",
                        "mode 'cluster' is not one of single-host, multi-host."),
                argumentSet("unknown protocol", stack("{'name':'web','image':'nginx',"
                                + "'ports':[{'containerPort':80,'protocol':'sctp'}]}"),
                        "$.itemListElement[0].ports[0].protocol",
                        "container 'web': protocol 'sctp' is not one of tcp, udp."),
                argumentSet("misspelt field", stack("{'name':'web','image':'nginx',"
                                + "'ports':[{'containerPort':80,'hostport':8080}]}"),
                        "$.itemListElement[0].ports[0].hostport",
                        "container 'web': unknown field 'hostport'; did you mean 'hostPort'?"),
                argumentSet("Docker Compose spelling", stack("{'name':'web','image':'nginx','env':{'A':'b'}}"),
                        "$.itemListElement[0].env",
                        "container 'web': unknown field 'env'; did you mean 'environment'?"),
                argumentSet("misspelt top-level field", json("{'name':'shop','itemListElemnt':[]}"),
                        "$.itemListElemnt", "unknown field 'itemListElemnt'; did you mean 'itemListElement'?"),
                argumentSet("port as text", stack("{'name':'web','image':'nginx','ports':[{'containerPort':'80'}]}"),
                        "$.itemListElement[0].ports[0].containerPort",
                        "container 'web': containerPort must be a whole number, not the text \"80\""),
                argumentSet("fractional port", stack("{'name':'web','image':'nginx','ports':[{'containerPort':80.5}]}"),
                        "$.itemListElement[0].ports[0].containerPort",
                        "container 'web': containerPort must be a whole number, not 80.5"),
                argumentSet("port without containerPort", stack("{'name':'web','image':'nginx',"
                                + "'ports':[{'hostPort':8080}]}"),
                        "$.itemListElement[0].ports[0].containerPort", "container 'web': containerPort is missing"),
                argumentSet("Compose port string", stack("{'name':'web','image':'nginx','ports':['8080:80']}"),
                        "$.itemListElement[0].ports[0]",
                        "container 'web': ports[0] must be an object, not the text \"8080:80\""),
                argumentSet("name as a number", stack("{'name':42,'image':'nginx'}"),
                        "$.itemListElement[0].name",
                        "container at itemListElement[0]: name must be text, not the number 42"),
                argumentSet("container that is not an object", stack("'web'"),
                        "$.itemListElement[0]", "itemListElement[0] must be an object, not the text \"web\""),
                argumentSet("environment as a list", stack("{'name':'web','image':'nginx','environment':['A=b']}"),
                        "$.itemListElement[0].environment",
                        "container 'web': environment must be an object, not an array"),
                argumentSet("environment value as an object without value", stack(
                                "{'name':'web','image':'nginx','environment':{'A':{'value':['x']}}}"),
                        "$.itemListElement[0].environment.A.value",
                        "container 'web': value must be text, not an array"),
                argumentSet("docker-style memory unit", stack("{'name':'web','image':'nginx',"
                                + "'resources':{'memory':'512m'}}"),
                        "$.itemListElement[0].resources.memory", "container 'web': memory '512m' has an unknown "
                                + "unit 'm'; use Ki, Mi, Gi, Ti (powers of 1024, so Docker's 512m is 512Mi) or k, M, "
                                + "G, T (powers of 1000)"),
                argumentSet("unreadable duration", stack("{'name':'web','image':'nginx',"
                                + "'healthCheck':{'command':['true'],'interval':'often'}}"),
                        "$.itemListElement[0].healthCheck.interval", "container 'web': interval 'often' is not a "
                                + "duration; write seconds (30) or a value such as 30s, 500ms or 1m30s"),
                argumentSet("health check of unknown type", stack("{'name':'web','image':'nginx',"
                                + "'healthCheck':{'type':'postgres'}}"),
                        "$.itemListElement[0].healthCheck.type",
                        "container 'web': type 'postgres' is not one of command, http, tcp."),
                argumentSet("health check without any hint of its type", stack("{'name':'web','image':'nginx',"
                                + "'healthCheck':{'interval':5}}"),
                        "$.itemListElement[0].healthCheck.type",
                        "container 'web': healthCheck has no type; set type to command, http or tcp"),
                argumentSet("command with an open quote", stack("{'name':'web','image':'nginx',"
                                + "'command':'sh -c \\'echo'}"),
                        "$.itemListElement[0].command",
                        "container 'web': command 'sh -c \"echo' has an unclosed double quote"),
                argumentSet("dependency without name", stack("{'name':'web','image':'nginx',"
                                + "'dependsOn':[{'waitForHealthy':true}]}"),
                        "$.itemListElement[0].dependsOn[0].name", "container 'web': dependency has no name"),
                argumentSet("stack of another @type", json("{'@type':'Recipe','name':'shop','itemListElement':[]}"),
                        "$['@type']", "@type 'Recipe' should be 'ItemList': a stack is a schema.org ItemList"),
                argumentSet("volume without name", json("{'name':'shop','itemListElement':[],'volumes':[{}]}"),
                        "$.volumes[0].name", "volume has no name"),
                argumentSet("non-numeric minCpu", stackWith("'deployment':{'hostConstraints':"
                                + "[{'containerName':'web','minCpu':'lots'}]}", "{'name':'web','image':'nginx'}"),
                        "$.deployment.hostConstraints[0].minCpu", "hostConstraint for 'web': minCpu 'lots' is not a "
                                + "CPU amount; write cores (1.5) or millicores (500m)"));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void reportsWhatItCannotReadWithItsPathAndMessage(String json, String path, String message) {
        ParseResult result = StackDefinitionParser.parse(json);

        assertThat(result.problems()).containsExactly(new Problem(path, message));
        assertThat(result.definition()).isNotNull();
    }

    @Test
    void ignoresUnknownFieldsThatAreNoTypo() {
        StackDefinition stack = parsed(stackWith("'@context':{'@vocab':'https://schema.org/'},'x-owner':'team-a'",
                "{'name':'web','image':'nginx','applicationCategory':'WebServer','labels':{'a':'b'},"
                        + "'potentialAction':[{'name':'warm-up'}]}"));

        assertThat(stack.containers()).hasSize(1);
    }

    static Stream<Arguments> notADefinition() {
        return Stream.of(
                argumentSet("malformed JSON", "{\n  \"name\": \"shop\",\n  \"itemListElement\": [\n}",
                        "the definition is not valid JSON at line 4, column 1: Unexpected close marker '}': "
                                + "expected ']'"),
                argumentSet("truncated JSON", "{\"name\": \"shop\"",
                        "the definition is not valid JSON at line 1, column 16: Unexpected end-of-input: expected "
                                + "close marker for Object"),
                argumentSet("empty input", "  ", "the definition is empty"),
                argumentSet("JSON null", "null", "the definition must be an object, not null"),
                argumentSet("an array", "[]", "the definition must be an object, not an array"));
    }

    @ParameterizedTest
    @MethodSource("notADefinition")
    void givesNoDefinitionForInputThatIsNoObject(String input, String message) {
        ParseResult result = StackDefinitionParser.parse(input);

        assertThat(result.definition()).isNull();
        assertThat(result.problems()).containsExactly(new Problem("$", message));
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn() {
        ParseResult result = StackDefinitionParser.parse("{\n  \"name\": \"shop\"\n  \"itemListElement\": []\n}");

        assertThat(result.problems()).singleElement().extracting(Problem::message).asString()
                .startsWith("the definition is not valid JSON at line 3, column 3: ");
    }

    @Test
    void refusesDuplicateKeysRatherThanKeepingTheLast() {
        ParseResult result = StackDefinitionParser.parse(json("{'name':'a','name':'b','itemListElement':[]}"));

        assertThat(result.definition()).isNull();
        assertThat(result.problems()).singleElement().extracting(Problem::message).asString()
                .contains("line 1").contains("Duplicate Object property \"name\"");
    }

    @Test
    void mergesAllDependencyFieldsIntoOneList() {
        StackDefinition stack = parsed(stack("{'name':'api','image':'api','requirements':['db','cache'],"
                + "'softwareRequirements':[{'name':'db','waitForHealthy':true}],'dependsOn':['queue',"
                + "{'name':'cache'}]}"));

        assertThat(stack.containers().get(0).dependsOn()).containsExactly(new Dependency("db", true),
                new Dependency("cache", false), new Dependency("queue", false));
    }

    @Test
    void parseAndValidateReportsParseAndValidationProblemsTogetherButOncePerField() {
        ParseResult result = StackDefinitionParser.parseAndValidate(stackWith(
                "'deployment':{'placementStrategy':'manul'}",
                "{'name':'web','ports':[{'containerPort':'80','hostPort':70000}]}"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).containsExactly(
                new Problem("$.deployment.placementStrategy", "placementStrategy 'manul' is not one of auto, manual, "
                        + "spread, datacenter; did you mean 'manual'?"),
                new Problem("$.itemListElement[0].ports[0].containerPort",
                        "container 'web': containerPort must be a whole number, not the text \"80\""),
                new Problem("$.itemListElement[0].image",
                        "container 'web' has no image; set image, e.g. \"nginx:1.27\""),
                new Problem("$.itemListElement[0].ports[0].hostPort", "container 'web': hostPort 70000 is out of "
                        + "range; use 1-65535, or 0 to leave the port unpublished"));
    }
}
