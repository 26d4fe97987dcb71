package io.graphium.orchestrator.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.ParseResult;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dependency waves as the lifecycle launches them: when every container launched so far is ready at once, the
 * containers that become startable together form the next wave, in definition order.
 */
class ContainerReadinessTest {

    static Stream<Arguments> stacks() {
        return Stream.of(
                argumentSet("no dependencies: one wave in definition order", stack(
                                "{'name':'web','image':'a'}", "{'name':'api','image':'a'}",
                                "{'name':'db','image':'a'}"),
                        List.of(List.of("web", "api", "db"))),
                argumentSet("a chain", stack(
                                "{'name':'web','image':'a','dependsOn':['api']}",
                                "{'name':'api','image':'a','dependsOn':['db']}", "{'name':'db','image':'a'}"),
                        List.of(List.of("db"), List.of("api"), List.of("web"))),
                argumentSet("a diamond", stack(
                                "{'name':'web','image':'a','dependsOn':['api','admin']}",
                                "{'name':'api','image':'a','dependsOn':['db']}",
                                "{'name':'admin','image':'a','dependsOn':['db']}", "{'name':'db','image':'a'}"),
                        List.of(List.of("db"), List.of("api", "admin"), List.of("web"))),
                argumentSet("independent branches start together", stack(
                                "{'name':'api','image':'a','softwareRequirements':[{'name':'db','waitForHealthy':true},"
                                        + "{'name':'cache'}]}",
                                "{'name':'db','image':'a'}", "{'name':'cache','image':'a'}",
                                "{'name':'web','image':'a','requirements':['api']}", "{'name':'docs','image':'a'}"),
                        List.of(List.of("db", "cache", "docs"), List.of("api"), List.of("web"))),
                argumentSet("position plays no part", stack(
                                "{'name':'web','image':'a','position':1,'dependsOn':['db']}",
                                "{'name':'db','image':'a','position':2}"),
                        List.of(List.of("db"), List.of("web"))));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void launchesContainersInDependencyWaves(String json, List<List<String>> waves) {
        ParseResult parsed = StackDefinitionParser.parseAndValidate(json);
        assertThat(parsed.problems()).isEmpty();
        StackDefinition definition = parsed.definition();
        StackDeployment stack = StackLifecycle.deployRequested("c1", "shop", definition, List.of(),
                StackLifecycle.DeployOptions.DEFAULTS, StackLifecycleTest.T0, null).next();

        List<List<String>> launched = new ArrayList<>();
        for (List<ContainerDefinition> wave = ContainerReadiness.startable(definition, stack); !wave.isEmpty();
             wave = ContainerReadiness.startable(definition, stack)) {
            launched.add(wave.stream().map(ContainerDefinition::name).toList());
            for (ContainerDefinition container : wave) {
                stack = stack.withContainer(new ContainerStatus(container.name(), "h1", ContainerState.RUNNING,
                        Health.HEALTHY, "d-" + container.name(), null, null, StackLifecycleTest.T0));
            }
        }
        assertThat(launched).isEqualTo(waves);
        assertThat(ContainerReadiness.allReady(definition, stack)).isTrue();
    }

    /** A stack named "shop" with these containers, written as single-quoted JSON objects. */
    private static String stack(String... containers) {
        return ("{'name':'shop','itemListElement':[" + String.join(",", containers) + "]}").replace('\'', '"');
    }
}
