package io.graphium.orchestrator.core;

import static io.graphium.orchestrator.core.Definitions.parsed;
import static io.graphium.orchestrator.core.Definitions.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentWavesTest {

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
    void groupsContainersIntoWaves(String json, List<List<String>> waves) {
        assertThat(DeploymentWaves.of(parsed(json)).waves()).isEqualTo(waves);
    }

    static Stream<Arguments> impossible() {
        return Stream.of(
                argumentSet("cycle", stack("{'name':'api','image':'a','dependsOn':['db']}",
                                "{'name':'db','image':'a','dependsOn':['api']}", "{'name':'web','image':'a'}"),
                        "some containers can never start: dependency cycle: api -> db -> api"),
                argumentSet("self-dependency", stack("{'name':'api','image':'a','dependsOn':['api']}"),
                        "some containers can never start: api depends on itself"),
                argumentSet("unknown dependency", stack("{'name':'api','image':'a','dependsOn':['db']}"),
                        "container 'api' depends on unknown container 'db'"));
    }

    @ParameterizedTest
    @MethodSource("impossible")
    void refusesWhatCanNeverStart(String json, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> DeploymentWaves.of(parsed(json)))
                .withMessage(message);
    }
}
