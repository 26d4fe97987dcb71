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

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final StackDefinition myApp = definition("/definitions/my-app-stack.json");

    @Test
    void acceptedDeployAsksForPlacementOfEveryContainer() {
        Transition t = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null);

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
        StackDeployment placing = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null).next();
        assertThat(StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, placing).changed()).isFalse();
    }

    @Test
    void deployOfAStackThatIsAlreadyDeployedIsRefusedWithAReason() {
        StackDeployment placing = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null).next();
        Transition again = StackLifecycle.deployRequested("c2", "my-app", myApp, List.of(), T0, placing);
        assertThat(again.changed()).isFalse();
        assertThat(again.note()).contains("already deployed (status PLACING");
    }

    @Test
    void invalidDefinitionFailsAtOnceWithEveryProblem() {
        Transition t = StackLifecycle.deployRequested("c1", "my-app", myApp,
                List.of(new Problem("$.itemListElement[0].image", "image is missing"),
                        new Problem("$.deployment.placementStrategy", "unknown strategy 'fastest'")), T0, null);
        assertThat(t.next().status()).isEqualTo(StackStatus.FAILED);
        assertThat(t.next().error()).isEqualTo("invalid stack definition: $.itemListElement[0].image: image is missing; "
                + "$.deployment.placementStrategy: unknown strategy 'fastest'");
        assertThat(t.commands()).isEmpty();
    }

    @Test
    void placementLaunchesEachContainerOnItsHostWithEndpointsInjected() {
        StackDeployment placing = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null).next();
        Transition t = StackLifecycle.placementDecided(placing, "c1", "e1", spreadPlacements(), myApp, T0);

        assertThat(t.next().status()).isEqualTo(StackStatus.DEPLOYING);
        assertThat(t.next().serviceEndpoints()).containsEntry("postgres", "10.0.0.13:5432")
                .containsEntry("web", "10.0.0.11:8080");
        List<ContainerLaunch> launches = t.commands().stream().map(ContainerLaunch.class::cast).toList();
        assertThat(launches).extracting(ContainerLaunch::hostId).containsExactly("h1", "h2", "h3", "h1");
        ContainerLaunch web = launches.get(0);
        assertThat(web.commandId()).isEqualTo("c1:web:deploy");
        assertThat(web.dockerName()).isEqualTo("my-app-web");
        assertThat(web.deploymentId()).isEqualTo("c1");
        assertThat(web.container().environment().get("POSTGRES_HOST").value()).isEqualTo("10.0.0.13");
        assertThat(web.container().environment().get("POSTGRES_ENDPOINT").value()).isEqualTo("10.0.0.13:5432");
        assertThat(web.container().environment()).doesNotContainKey("WEB_ENDPOINT");
    }

    @Test
    void placementForAnotherDeploymentOrTwiceIsIgnored() {
        StackDeployment placing = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null).next();
        assertThat(StackLifecycle.placementDecided(placing, "other", "e1", spreadPlacements(), myApp, T0).changed())
                .isFalse();
        StackDeployment deploying = StackLifecycle.placementDecided(placing, "c1", "e1", spreadPlacements(), myApp, T0)
                .next();
        assertThat(StackLifecycle.placementDecided(deploying, "c1", "e1", spreadPlacements(), myApp, T0).changed())
                .isFalse();
    }

    @Test
    void placementFailureFailsTheStackWithPlacementsExplanation() {
        StackDeployment placing = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null).next();
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
            stack = StackLifecycle.containerReported(stack, "c1", "e-" + name, running(name)).next();
            assertThat(stack.status()).isEqualTo(StackStatus.DEPLOYING);
        }
        stack = StackLifecycle.containerReported(stack, "c1", "e-redis", running("redis")).next();
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
        assertThat(stack.completedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stack.lastEventId()).isEqualTo("e-redis");
    }

    @Test
    void aFailedContainerFailsTheDeploymentInOneReadableSentence() {
        ContainerStatus failed = new ContainerStatus("postgres", "h3", ContainerState.FAILED, Health.NONE, null, null,
                "image postgres:14 is not present on host h3 and could not be pulled", T0.plusSeconds(1));
        StackDeployment stack = StackLifecycle.containerReported(deploying(), "c1", "e1", failed).next();
        assertThat(stack.status()).isEqualTo(StackStatus.FAILED);
        assertThat(stack.error()).isEqualTo("container 'postgres' on host h3 failed: image postgres:14 is not present "
                + "on host h3 and could not be pulled");
    }

    @Test
    void aRunningStackWhoseContainerExitsIsDegradedAndRecovers() {
        StackDeployment stack = deploying();
        for (String name : List.of("web", "api", "postgres", "redis")) {
            stack = StackLifecycle.containerReported(stack, "c1", "e-" + name, running(name)).next();
        }
        ContainerStatus exited = new ContainerStatus("redis", "h1", ContainerState.EXITED, Health.NONE, "d-redis", 137,
                "OOM-killed", T0.plusSeconds(5));
        stack = StackLifecycle.containerReported(stack, "c1", "e2", exited).next();
        assertThat(stack.status()).isEqualTo(StackStatus.DEGRADED);
        assertThat(stack.error()).isEqualTo("container 'redis' on host h1 exited with code 137: OOM-killed");
        ContainerStatus back = new ContainerStatus("redis", "h1", ContainerState.RUNNING, Health.NONE, "d-redis2", null,
                null, T0.plusSeconds(6));
        stack = StackLifecycle.containerReported(stack, "c1", "e3", back).next();
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
        assertThat(stack.error()).isNull();
    }

    @Test
    void repeatedOrOlderContainerReportsChangeNothing() {
        StackDeployment stack = StackLifecycle.containerReported(deploying(), "c1", "e1", running("web")).next();
        assertThat(StackLifecycle.containerReported(stack, "c1", "e1", running("web")).changed()).isFalse();
        ContainerStatus older = new ContainerStatus("web", "h1", ContainerState.CREATED, Health.NONE, "d-web", null,
                null, T0);
        assertThat(StackLifecycle.containerReported(stack, "c1", "e0", older).changed()).isFalse();
        assertThat(StackLifecycle.containerReported(stack, "c0", "e9", running("api")).changed()).isFalse();
    }

    private StackDeployment deploying() {
        StackDeployment placing = StackLifecycle.deployRequested("c1", "my-app", myApp, List.of(), T0, null).next();
        return StackLifecycle.placementDecided(placing, "c1", "e1", spreadPlacements(), myApp, T0).next();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatus(name, "h1", ContainerState.RUNNING, Health.NONE, "d-" + name, null, null,
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
