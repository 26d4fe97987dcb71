package io.graphium.orchestrator.core.update;

import static io.graphium.orchestrator.core.update.Stacks.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;
import io.graphium.orchestrator.core.update.ContainerChange.Kind;
import io.graphium.orchestrator.core.update.StackDiff.Revision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The update diff, field by field, and the endpoint cascade: what is recreated, what is left alone, and why. */
class StackDiffTest {

    /** The database and the api that reaches it, both on h1 unless a case moves them. */
    private static final String DB = "{'name':'db','image':'postgres:15','ports':[{'containerPort':5432,"
            + "'hostPort':15432}],'environment':{'POSTGRES_DB':'shop','POSTGRES_PASSWORD':'s3cret'}}";
    private static final String API = "{'name':'api','image':'api:1','ports':[{'containerPort':3000,"
            + "'hostPort':13000}],'environment':{'DB_HOST':''},'dependsOn':['db']}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            image           | 'image':'postgres:15'                      | 'image':'postgres:16'                       | image postgres:15 -> postgres:16
            command         | 'command':['postgres']                     | 'command':['postgres','-N','200']            | command changed
            ports           | 'ports':[{'containerPort':5432,'hostPort':15432}] | 'ports':[{'containerPort':5432,'hostPort':15433}] | ports [15432:5432/tcp] -> [15433:5432/tcp]
            volume mounts   | 'volumeMounts':[]                          | 'volumeMounts':[{'type':'volume','source':'data','target':'/var/lib/pg'}] | volume mounts changed
            resources       | 'resources':{'cpu':1,'memory':'1Gi'}        | 'resources':{'cpu':1,'memory':'2Gi'}         | resources changed
            health check    | 'healthCheck':{'type':'tcp'}                | 'healthCheck':{'type':'tcp','retries':9}     | health check changed
            restart policy  | 'restartPolicy':'no'                       | 'restartPolicy':'on-failure:3'              | restart policy changed
            plain env value | 'environment':{'POSTGRES_DB':'shop'}        | 'environment':{'POSTGRES_DB':'store'}        | environment POSTGRES_DB shop -> store
            secret env      | 'environment':{'POSTGRES_PASSWORD':'s3cret'} | 'environment':{'POSTGRES_PASSWORD':'n3w'}  | environment POSTGRES_PASSWORD changed (secret)
            env added       | 'environment':{}                           | 'environment':{'TZ':'UTC'}                  | environment TZ added
            env removed     | 'environment':{'TZ':'UTC'}                 | 'environment':{}                            | environment TZ removed
            """)
    void eachFieldThatDockerCannotChangeInPlaceRecreatesTheContainer(String field, String before, String after,
                                                                       String reason) {
        StackDiff diff = StackDiff.between(revision(container("db", before)), revision(container("db", after)));

        assertThat(diff.of("db").kind()).as(field).isEqualTo(Kind.CHANGED);
        assertThat(diff.of("db").reasons()).as(field).containsExactly(reason);
        assertThat(diff.of("db").describe()).doesNotContain("s3cret", "n3w");
    }

    @Test
    void anIdenticalDefinitionChangesNothing() {
        StackDiff diff = StackDiff.between(revision(DB, API), revision(DB, API));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.named(Kind.UNCHANGED)).containsExactly("db", "api");
    }

    @Test
    void dependsOnAloneChangesTheOrderNotTheContainer() {
        String apiWithoutDependency = API.replace(",'dependsOn':['db']", "");

        StackDiff diff = StackDiff.between(revision(DB, API), revision(DB, apiWithoutDependency));

        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void aNewImageForTheDatabaseLeavesItsDependentAloneWhileItsEndpointStaysTheSame() {
        StackDiff diff = StackDiff.between(revision(DB, API), revision(DB.replace("postgres:15", "postgres:16"), API));

        assertThat(diff.named(Kind.CHANGED)).containsExactly("db");
        assertThat(diff.of("api").kind()).isEqualTo(Kind.UNCHANGED);
    }

    @Test
    void aMovedDatabaseRecreatesEveryContainerWhoseInjectedEnvironmentNamesIt() {
        Revision before = revision(placed("db", "h1", "10.0.0.1", 15432, "api", "h1", "10.0.0.1", 13000), DB, API);
        Revision after = revision(placed("db", "h2", "10.0.0.2", 15432, "api", "h1", "10.0.0.1", 13000), DB, API);

        StackDiff diff = StackDiff.between(before, after);

        assertThat(diff.of("db").reasons()).containsExactly("host h1 -> h2");
        assertThat(diff.of("api").kind()).isEqualTo(Kind.CHANGED);
        assertThat(diff.of("api").reasons()).containsExactly(
                "environment DB_HOST 10.0.0.1 -> 10.0.0.2 (db moved)",
                "environment DB_ENDPOINT 10.0.0.1:15432 -> 10.0.0.2:15432 (db moved)");
    }

    @Test
    void anotherPublishedPortOfTheDatabaseChangesItsDependentsEndpoint() {
        String movedPort = DB.replace("'hostPort':15432", "'hostPort':25432");

        StackDiff diff = StackDiff.between(revision(DB, API), revision(movedPort, API));

        assertThat(diff.of("api").reasons())
                .containsExactly("environment DB_ENDPOINT 10.0.0.1:15432 -> 10.0.0.1:25432 (db endpoint changed)");
    }

    @Test
    void addedAndRemovedContainersAreNamedAfterTheKeptOnes() {
        String cache = "{'name':'cache','image':'redis:7'}";

        StackDiff diff = StackDiff.between(revision(DB, cache), revision(DB, API));

        assertThat(diff.containers()).extracting(ContainerChange::container, ContainerChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("db", Kind.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("api", Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple("cache", Kind.REMOVED));
        assertThat(diff.of("api").createsContainer()).isTrue();
        assertThat(diff.of("cache").createsContainer()).isFalse();
    }

    @Test
    void anAddedServiceDoesNotRecreateTheOthersForItsInjectedEndpointButFillsTheirEmptyVariables() {
        String web = "{'name':'web','image':'web:1','environment':{'API_HOST':''}}";
        String apiOnly = API.replace(",'dependsOn':['db']", "").replace("'DB_HOST':''", "'TZ':'UTC'");

        StackDiff diff = StackDiff.between(revision(DB, web), revision(DB, web, apiOnly));

        assertThat(diff.of("db").kind()).as("db gets API_ENDPOINT only when next recreated").isEqualTo(Kind.UNCHANGED);
        assertThat(diff.of("web").reasons()).containsExactly("environment API_HOST \"\" -> 10.0.0.1 (api added)");
        assertThat(diff.of("api").kind()).isEqualTo(Kind.ADDED);
    }

    @Test
    void aPlanLineSaysWhatHappensAndWhy() {
        StackDiff diff = StackDiff.between(revision(DB, API), revision(DB.replace("postgres:15", "postgres:16"), API));

        assertThat(diff.of("db").describe()).isEqualTo("db: recreated (image postgres:15 -> postgres:16)");
        assertThat(diff.of("api").describe()).isEqualTo("api: unchanged");
    }

    /** The specification's my-app with a new postgres image, and again with postgres moved to another host. */
    @Test
    void theSpecsMyAppWithANewPostgresImageRecreatesPostgresOnlyUnlessItMoves() throws Exception {
        String myApp;
        try (var in = StackDiffTest.class.getResourceAsStream("/definitions/my-app-stack.json")) {
            myApp = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        StackDefinition before = StackDefinitionParser.parse(myApp).definition();
        StackDefinition after = StackDefinitionParser.parse(myApp.replace("postgres:14", "postgres:16")).definition();
        Map<String, Placement> spread = new LinkedHashMap<>();
        String[] hosts = {"h1", "h2", "h3", "h1"};
        for (int i = 0; i < before.containers().size(); i++) {
            var container = before.containers().get(i);
            spread.put(container.name(), new Placement(hosts[i], "10.0.0." + hosts[i].charAt(1), container.ports()));
        }

        StackDiff inPlace = StackDiff.between(new Revision(before, spread), new Revision(after, spread));
        System.out.println("my-app, postgres:14 -> postgres:16:");
        inPlace.containers().forEach(c -> System.out.println("  " + c.describe()));

        assertThat(inPlace.containers()).extracting(ContainerChange::describe).containsExactly(
                "web: unchanged", "api: unchanged", "postgres: recreated (image postgres:14 -> postgres:16)",
                "redis: unchanged");

        Map<String, Placement> moved = new LinkedHashMap<>(spread);
        moved.put("postgres", new Placement("h2", "10.0.0.2", spread.get("postgres").ports()));
        StackDiff elsewhere = StackDiff.between(new Revision(before, spread), new Revision(after, moved));
        System.out.println("my-app, postgres:14 -> postgres:16 and h3 -> h2:");
        elsewhere.containers().forEach(c -> System.out.println("  " + c.describe()));

        // Every container is given POSTGRES_ENDPOINT, so every one of them gets the new value.
        assertThat(elsewhere.named(Kind.CHANGED)).containsExactly("web", "api", "postgres", "redis");
        assertThat(elsewhere.of("api").reasons()).contains(
                "environment POSTGRES_ENDPOINT 10.0.0.3:5432 -> 10.0.0.2:5432 (postgres moved)");
    }

    // --- helpers ---

    private static String container(String name, String fields) {
        return "{'name':'" + name + "'," + (fields.contains("'image'") ? "" : "'image':'postgres:15',") + fields + "}";
    }

    private static Revision revision(String... containers) {
        StackDefinition definition = parsed(containers);
        Map<String, Placement> placements = new LinkedHashMap<>();
        definition.containers().forEach(c -> placements.put(c.name(), new Placement("h1", "10.0.0.1", c.ports())));
        return new Revision(definition, placements);
    }

    private static Revision revision(Map<String, Placement> placements, String... containers) {
        return new Revision(parsed(containers), placements);
    }

    private static Map<String, Placement> placed(String first, String firstHost, String firstIp, int firstPort,
                                                 String second, String secondHost, String secondIp, int secondPort) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        placements.put(first, new Placement(firstHost, firstIp, List.of(new PortMapping(5432, firstPort, null))));
        placements.put(second, new Placement(secondHost, secondIp, List.of(new PortMapping(3000, secondPort, null))));
        return placements;
    }
}
