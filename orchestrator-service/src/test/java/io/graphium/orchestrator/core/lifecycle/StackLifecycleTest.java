package io.graphium.orchestrator.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackLifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final StackLifecycle.DeployOptions OPTIONS = StackLifecycle.DeployOptions.DEFAULTS;
    private final StackDefinition myApp = definition("/definitions/my-app-stack.json");

    @Test
    void acceptedDeployAsksForPlacementOfEveryContainer() {
        Transition t = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), OPTIONS, T0, null);

        assertThat(t.next().status()).isEqualTo(StackStatus.PLACING);
        assertThat(t.next().deploymentId()).isEqualTo("c1");
        assertThat(t.next().containers()).containsOnlyKeys("web", "api", "postgres", "redis");
        assertThat(t.commands()).singleElement().isInstanceOfSatisfying(PlacementRequest.class, r -> {
            assertThat(r.commandId()).isEqualTo("c1:place");
            assertThat(r.containers()).extracting(PlacementRequest.Demand::containerName)
                    .containsExactly("web", "api", "postgres", "redis");
        });
    }

    @Test
    void redeliveredDeployChangesNothing() {
        StackDeployment placing = placing();
        assertThat(deploy("c1", placing).changed()).isFalse();
    }

    @Test
    void deployOfAStackThatIsAlreadyDeployedIsRefusedWithAReason() {
        StackDeployment placing = placing();
        Transition again = StackLifecycle.deployRequested("c2", "my-app", myApp, List.of(), OPTIONS, T0, placing);
        assertThat(again.changed()).isFalse();
        assertThat(again.note()).contains("already deployed (status PLACING");
    }

    @Test
    void invalidDefinitionFailsAtOnceWithEveryProblem() {
        Transition t = StackLifecycle.deployRequested("c1", "my-app", myApp,
                List.of(new Problem("$.itemListElement[0].image", "image is missing"),
                        new Problem("$.deployment.placementStrategy", "unknown strategy 'fastest'")), OPTIONS, T0,
                null);
        assertThat(t.next().status()).isEqualTo(StackStatus.FAILED);
        assertThat(t.next().error()).isEqualTo("invalid stack definition: $.itemListElement[0].image: image is missing; "
                + "$.deployment.placementStrategy: unknown strategy 'fastest'");
        assertThat(t.commands()).isEmpty();
    }

    @Test
    void placementLaunchesEachContainerOnItsHostWithEndpointsInjected() {
        StackDeployment placing = placing();
        Transition t = StackLifecycle.placementDecided(placing, "c1", "e1", spreadPlacements(), myApp, T0);

        assertThat(t.next().status()).isEqualTo(StackStatus.DEPLOYING);
        assertThat(t.next().serviceEndpoints()).containsEntry("postgres", "10.0.0.13:5432")
                .containsEntry("web", "10.0.0.11:8080");
        List<ContainerCommand> launches = t.commands().stream().map(ContainerCommand.class::cast).toList();
        assertThat(launches).extracting(ContainerCommand::hostId).containsExactly("h1", "h2", "h3", "h1");
        assertThat(launches).extracting(ContainerCommand::action).containsOnly(ContainerCommand.Action.DEPLOY);
        ContainerCommand web = launches.get(0);
        assertThat(web.commandId()).isEqualTo("c1:web:deploy");
        assertThat(web.dockerName()).isEqualTo("my-app-web");
        assertThat(web.deploymentId()).isEqualTo("c1");
        assertThat(web.container().environment().get("POSTGRES_HOST").value()).isEqualTo("10.0.0.13");
        assertThat(web.container().environment().get("POSTGRES_ENDPOINT").value()).isEqualTo("10.0.0.13:5432");
        assertThat(web.container().environment()).doesNotContainKey("WEB_ENDPOINT");
    }

    @Test
    void placementForAnotherDeploymentOrTwiceIsIgnored() {
        StackDeployment placing = placing();
        assertThat(StackLifecycle.placementDecided(placing, "other", "e1", spreadPlacements(), myApp, T0).changed())
                .isFalse();
        StackDeployment deploying = StackLifecycle.placementDecided(placing, "c1", "e1", spreadPlacements(), myApp, T0)
                .next();
        assertThat(StackLifecycle.placementDecided(deploying, "c1", "e1", spreadPlacements(), myApp, T0).changed())
                .isFalse();
    }

    @Test
    void placementFailureFailsTheStackWithPlacementsExplanation() {
        StackDeployment placing = placing();
        Transition t = StackLifecycle.placementFailed(placing, "c1", "e1",
                "no host for container 'web': 0/3 hosts available: 3 datacenter mars-1", T0);
        assertThat(t.next().status()).isEqualTo(StackStatus.FAILED);
        assertThat(t.next().error()).contains("mars-1");
        assertThat(t.next().completedAt()).isEqualTo(T0);
    }

    @Test
    void stackRunsWhenEveryContainerRuns() {
        StackDeployment stack = deploying();
        for (String name : List.of("web", "api", "postgres")) {
            stack = StackLifecycle.containerReported(stack, myApp, "c1", "e-" + name, running(name)).next();
            assertThat(stack.status()).isEqualTo(StackStatus.DEPLOYING);
        }
        stack = StackLifecycle.containerReported(stack, myApp, "c1", "e-redis", running("redis")).next();
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
        assertThat(stack.completedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stack.lastEventId()).isEqualTo("e-redis");
    }

    @Test
    void aReportFromAHostTheContainerIsNotPlacedOnIsRefusedAndRecorded() {
        StackDeployment stack = deploying();
        for (String name : List.of("web", "api", "postgres", "redis")) {
            stack = StackLifecycle.containerReported(stack, myApp, "c1", "e-" + name, running(name)).next();
        }
        ContainerStatus spoofed = new ContainerStatus("web", "h2", ContainerState.EXITED, Health.NONE, "d-x", 1,
                "gone", T0.plusSeconds(5));

        Transition t = StackLifecycle.containerReported(stack, myApp, "c1", "e-spoof", spoofed);

        assertThat(t.changed()).isFalse();
        assertThat(t.commands()).isEmpty();
        assertThat(t.history()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(HistoryEntry.Kind.REPORT_REFUSED);
            assertThat(entry.containerName()).isEqualTo("web");
            assertThat(entry.hostId()).isEqualTo("h2");
            assertThat(entry.message()).isEqualTo("refused a report from host h2 that container 'web' is EXITED: the "
                    + "container was placed on host h1, and only that host may report about it");
        });
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
        assertThat(stack.containers().get("web").hostId()).isEqualTo("h1");
    }

    @Test
    void aFailedContainerFailsTheDeploymentInOneReadableSentence() {
        ContainerStatus failed = new ContainerStatus("postgres", "h3", ContainerState.FAILED, Health.NONE, null, null,
                "image postgres:14 is not present on host h3 and could not be pulled", T0.plusSeconds(1));
        StackDeployment stack = StackLifecycle.containerReported(deploying(), myApp, "c1", "e1", failed).next();
        assertThat(stack.status()).isEqualTo(StackStatus.FAILED);
        assertThat(stack.error()).isEqualTo("container 'postgres' on host h3 failed: image postgres:14 is not present "
                + "on host h3 and could not be pulled");
    }

    @Test
    void aRunningStackWhoseContainerExitsIsDegradedAndRecovers() {
        StackDeployment stack = deploying();
        for (String name : List.of("web", "api", "postgres", "redis")) {
            stack = StackLifecycle.containerReported(stack, myApp, "c1", "e-" + name, running(name)).next();
        }
        ContainerStatus exited = new ContainerStatus("redis", "h1", ContainerState.EXITED, Health.NONE, "d-redis", 137,
                "OOM-killed", T0.plusSeconds(5));
        stack = StackLifecycle.containerReported(stack, myApp, "c1", "e2", exited).next();
        assertThat(stack.status()).isEqualTo(StackStatus.DEGRADED);
        assertThat(stack.error()).isEqualTo("container 'redis' on host h1 exited with code 137: OOM-killed");
        ContainerStatus back = new ContainerStatus("redis", "h1", ContainerState.RUNNING, Health.NONE, "d-redis2", null,
                null, T0.plusSeconds(6));
        stack = StackLifecycle.containerReported(stack, myApp, "c1", "e3", back).next();
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
        assertThat(stack.error()).isNull();
    }

    @Test
    void repeatedOrOlderContainerReportsChangeNothing() {
        StackDeployment stack = StackLifecycle.containerReported(deploying(), myApp, "c1", "e1", running("web")).next();
        assertThat(StackLifecycle.containerReported(stack, myApp, "c1", "e1", running("web")).changed()).isFalse();
        ContainerStatus older = new ContainerStatus("web", "h1", ContainerState.CREATED, Health.NONE, "d-web", null,
                null, T0);
        assertThat(StackLifecycle.containerReported(stack, myApp, "c1", "e0", older).changed()).isFalse();
        assertThat(StackLifecycle.containerReported(stack, myApp, "c0", "e9", running("api")).changed()).isFalse();
    }

    // ---- dependency waves -------------------------------------------------------------------------------------

    @Test
    void containersStartInDependencyWavesAcrossHostsWaitingForHealth() {
        StackDeployment placing = Stacks.deployRequested(Stacks.WAVES, OPTIONS).next();
        Transition placed = StackLifecycle.placementDecided(placing, "c1", "p1", Stacks.placements(Stacks.WAVES),
                Stacks.WAVES, T0);
        assertThat(names(placed)).as("only db and cache have no dependencies").containsExactly("db", "cache");

        Transition dbRunning = report(placed.next(), Stacks.WAVES, "db", ContainerState.RUNNING, Health.STARTING, 1);
        assertThat(dbRunning.commands()).as("api waits for db to be healthy, not merely running").isEmpty();
        Transition cacheRunning = report(dbRunning.next(), Stacks.WAVES, "cache", ContainerState.RUNNING,
                Health.NONE, 2);
        assertThat(cacheRunning.commands()).isEmpty();

        Transition dbHealthy = report(cacheRunning.next(), Stacks.WAVES, "db", ContainerState.RUNNING, Health.HEALTHY,
                3);
        assertThat(names(dbHealthy)).containsExactly("api");
        ContainerCommand api = (ContainerCommand) dbHealthy.commands().get(0);
        assertThat(api.hostId()).isEqualTo("h2");
        assertThat(api.container().environment().get("DB_ENDPOINT").value()).isEqualTo("10.0.0.11:5432");
        assertThat(dbHealthy.history()).extracting(HistoryEntry::kind)
                .contains(HistoryEntry.Kind.CONTAINER_CHANGED, HistoryEntry.Kind.CONTAINER_COMMANDED);

        Transition again = report(dbHealthy.next(), Stacks.WAVES, "cache", ContainerState.RUNNING, Health.NONE, 4,
                "d-cache-2");
        assertThat(again.commands()).as("api is not launched twice").isEmpty();

        Transition apiHealthy = report(again.next(), Stacks.WAVES, "api", ContainerState.RUNNING, Health.HEALTHY, 5);
        assertThat(names(apiHealthy)).containsExactly("web");
        Transition webRunning = report(apiHealthy.next(), Stacks.WAVES, "web", ContainerState.RUNNING, Health.NONE, 6);
        assertThat(webRunning.next().status()).isEqualTo(StackStatus.RUNNING);
        assertThat(webRunning.next().deadlineAt()).as("nothing awaited any more").isNull();
    }

    @Test
    void anUnhealthyContainerKeepsTheDeploymentWaitingAndTheDeadlineFailsItWithWhatTheCheckSaid() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(Stacks.WAVES, OPTIONS).next(),
                "c1", "p1", Stacks.placements(Stacks.WAVES), Stacks.WAVES, T0).next();
        stack = report(stack, Stacks.WAVES, "cache", ContainerState.RUNNING, Health.NONE, 1).next();
        Transition unhealthy = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.UNHEALTHY, 2);
        assertThat(unhealthy.next().status()).as("still warming up, maybe").isEqualTo(StackStatus.DEPLOYING);
        assertThat(unhealthy.commands()).as("nothing waiting for db starts, nothing is removed").isEmpty();

        Transition expired = StackLifecycle.deadlineExpired(unhealthy.next(), Stacks.WAVES,
                unhealthy.next().deadlineAt());
        assertThat(expired.next().status()).isEqualTo(StackStatus.FAILED);
        assertThat(expired.next().error()).contains("did not reach RUNNING by its deadline",
                "'db' on host h1 was RUNNING (health UNHEALTHY): pg_isready failed");
        assertThat(expired.commands()).map(ContainerCommand.class::cast)
                .extracting(ContainerCommand::action, ContainerCommand::containerName, ContainerCommand::commandId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ContainerCommand.Action.REMOVE, "db", "c1:db:remove"),
                        org.assertj.core.groups.Tuple.tuple(ContainerCommand.Action.REMOVE, "cache",
                                "c1:cache:remove"));
        assertThat(expired.history()).extracting(HistoryEntry::kind).contains(HistoryEntry.Kind.DEADLINE_EXPIRED,
                HistoryEntry.Kind.ROLLBACK_STARTED, HistoryEntry.Kind.STATUS_CHANGED);
    }

    /**
     * The kill -9 trial's sequence: db turned HEALTHY, the agent restarted, a redelivered deploy found db "already
     * running" and reported it without health (the agent probes the check itself; Docker knows none). That report
     * must not take db's health back to NONE, or the stack waits for a health it already had until its deadline.
     */
    @Test
    void aReportWithoutHealthDoesNotTakeBackTheHealthAlreadyObservedOfTheSameContainer() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(Stacks.WAVES, OPTIONS).next(),
                "c1", "p1", Stacks.placements(Stacks.WAVES), Stacks.WAVES, T0).next();
        stack = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.STARTING, 1).next();
        stack = report(stack, Stacks.WAVES, "cache", ContainerState.RUNNING, Health.NONE, 2).next();
        stack = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.HEALTHY, 3).next();

        Transition alreadyRunning = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.NONE, 4);
        assertThat(alreadyRunning.changed()).as("nothing new was observed of db").isFalse();
        assertThat(alreadyRunning.commands()).as("api was launched already").isEmpty();
        assertThat(stack.containers().get("db").health()).isEqualTo(Health.HEALTHY);

        stack = report(stack, Stacks.WAVES, "api", ContainerState.RUNNING, Health.HEALTHY, 5).next();
        Transition webRunning = report(stack, Stacks.WAVES, "web", ContainerState.RUNNING, Health.NONE, 6);
        assertThat(webRunning.next().status()).isEqualTo(StackStatus.RUNNING);
    }

    @Test
    void aNewerHealthObservationOrANewContainerStillChangesTheKnownHealth() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(Stacks.WAVES, OPTIONS).next(),
                "c1", "p1", Stacks.placements(Stacks.WAVES), Stacks.WAVES, T0).next();
        stack = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.HEALTHY, 1).next();

        StackDeployment unhealthy = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.UNHEALTHY, 2)
                .next();
        assertThat(unhealthy.containers().get("db").health()).isEqualTo(Health.UNHEALTHY);

        StackDeployment recreated = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.NONE, 3,
                "d-db-2").next();
        assertThat(recreated.containers().get("db").health()).as("a new container has no health yet")
                .isEqualTo(Health.NONE);

        StackDeployment exited = report(stack, Stacks.WAVES, "db", ContainerState.EXITED, Health.NONE, 4).next();
        assertThat(exited.containers().get("db").health()).isEqualTo(Health.NONE);
    }

    @Test
    void aContainerThatTurnsHealthyAfterBeingUnhealthyReleasesWhatWaitsForIt() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(Stacks.WAVES, OPTIONS).next(),
                "c1", "p1", Stacks.placements(Stacks.WAVES), Stacks.WAVES, T0).next();
        stack = report(stack, Stacks.WAVES, "cache", ContainerState.RUNNING, Health.NONE, 1).next();
        stack = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.UNHEALTHY, 2).next();
        Transition healthy = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.HEALTHY, 3);
        assertThat(healthy.next().status()).isEqualTo(StackStatus.DEPLOYING);
        assertThat(names(healthy)).as("what waited for db's health").isNotEmpty();
    }

    @Test
    void withoutRollbackAFailedDeploymentLeavesItsContainers() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(Stacks.WAVES,
                        new StackLifecycle.DeployOptions(false, java.time.Duration.ofMinutes(5))).next(),
                "c1", "p1", Stacks.placements(Stacks.WAVES), Stacks.WAVES, T0).next();
        Transition failed = report(stack, Stacks.WAVES, "db", ContainerState.FAILED, Health.NONE, 1);
        assertThat(failed.next().status()).isEqualTo(StackStatus.FAILED);
        assertThat(failed.commands()).isEmpty();
    }

    @Test
    void theDeadlineFailsADeploymentThatIsStillWaitingAndSaysForWhat() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(Stacks.WAVES,
                        new StackLifecycle.DeployOptions(true, java.time.Duration.ofSeconds(30))).next(),
                "c1", "p1", Stacks.placements(Stacks.WAVES), Stacks.WAVES, T0).next();
        stack = report(stack, Stacks.WAVES, "db", ContainerState.RUNNING, Health.STARTING, 1).next();
        assertThat(stack.deadlineAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(StackLifecycle.deadlineExpired(stack, Stacks.WAVES, T0.plusSeconds(29)).changed()).isFalse();

        Transition expired = StackLifecycle.deadlineExpired(stack, Stacks.WAVES, T0.plusSeconds(30));
        assertThat(expired.next().status()).isEqualTo(StackStatus.FAILED);
        assertThat(expired.next().error()).startsWith("the deployment did not reach RUNNING by its deadline")
                .contains("'db' on host h1 was RUNNING (health STARTING)",
                        "'cache' on host h3 was not reported by its host agent",
                        "'api' on host h2 was waiting for 'db', 'cache' to be ready");
        assertThat(expired.commands()).map(ContainerCommand.class::cast).extracting(ContainerCommand::containerName)
                .containsExactly("db", "cache");
        assertThat(StackLifecycle.deadlineExpired(expired.next(), Stacks.WAVES, T0.plusSeconds(31)).changed())
                .as("a failed deployment has no deadline any more").isFalse();
    }

    private static List<String> names(Transition t) {
        return t.commands().stream().map(ContainerCommand.class::cast).map(ContainerCommand::containerName).toList();
    }

    static Transition report(StackDeployment stack, StackDefinition definition, String name, ContainerState state,
                             Health health, int second) {
        return report(stack, definition, name, state, health, second, "d-" + name);
    }

    static Transition report(StackDeployment stack, StackDefinition definition, String name, ContainerState state,
                             Health health, int second, String dockerId) {
        String host = stack.hostOf(name);
        return StackLifecycle.containerReported(stack, definition, stack.deploymentId(), "e-" + name + second,
                new ContainerStatus(name, host, state, health, dockerId, null,
                        health == Health.UNHEALTHY ? "pg_isready failed" : null, T0.plusSeconds(second)));
    }

    private StackDeployment placing() {
        return deploy("c1", null).next();
    }

    private Transition deploy(String commandId, StackDeployment current) {
        return StackLifecycle.deployRequested(commandId, "my-app", myApp, List.of(), OPTIONS, T0, current);
    }

    private StackDeployment deploying() {
        StackDeployment placing = placing();
        return StackLifecycle.placementDecided(placing, "c1", "e1", spreadPlacements(), myApp, T0).next();
    }

    /** Where {@link #spreadPlacements()} puts each container of my-app. */
    private static final Map<String, String> PLACED_ON = Map.of("web", "h1", "api", "h2", "postgres", "h3",
            "redis", "h1");

    private static ContainerStatus running(String name) {
        return new ContainerStatus(name, PLACED_ON.getOrDefault(name, "h1"), ContainerState.RUNNING, Health.NONE,
                "d-" + name, null, null,
                T0.plusSeconds(1));
    }

    private Map<String, Placement> spreadPlacements() {
        Map<String, Placement> placements = new LinkedHashMap<>();
        String[] hosts = {"h1", "h2", "h3", "h1"};
        List<ContainerDefinition> containers = myApp.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition c = containers.get(i);
            int host = Integer.parseInt(hosts[i].substring(1));
            placements.put(c.name(), new Placement(hosts[i], "10.0.0.1" + host, c.ports().stream()
                    .map(p -> new PortMapping(p.containerPort(), p.hostPort(), p.protocol())).toList()));
        }
        return placements;
    }

    private static StackDefinition definition(String resource) {
        try (InputStream in = StackLifecycleTest.class.getResourceAsStream(resource)) {
            return StackDefinitionParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).definition();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
