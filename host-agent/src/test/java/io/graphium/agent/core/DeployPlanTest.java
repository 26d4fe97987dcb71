package io.graphium.agent.core;

import static io.graphium.agent.core.DeployPlan.Action.ADOPT;
import static io.graphium.agent.core.DeployPlan.Action.ALREADY_RUNNING;
import static io.graphium.agent.core.DeployPlan.Action.CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployPlanTest {

    static final ContainerRef WANTED = new ContainerRef("shop", "d-2", "web");
    static final ContainerRef OLDER = new ContainerRef("shop", "d-1", "web");
    static final ContainerRef OTHER_SLOT = new ContainerRef("shop", "d-2", "db");

    static ManagedContainer container(String id, ContainerRef ref, ContainerStatus status) {
        return new ManagedContainer(ref, id, "shop-" + ref.containerName(), "img", "c", status, Health.NONE, null,
                List.of(), null, null, "h1");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing there", List.of(), CREATE, null, List.of()),
                Arguments.of("same deployment runs", List.of(container("a", WANTED, ContainerStatus.RUNNING)),
                        ALREADY_RUNNING, "a", List.of()),
                Arguments.of("same deployment created only", List.of(container("a", WANTED, ContainerStatus.CREATED)),
                        ADOPT, "a", List.of()),
                Arguments.of("same deployment exited", List.of(container("a", WANTED, ContainerStatus.EXITED)),
                        ADOPT, "a", List.of()),
                Arguments.of("older deployment runs: replace",
                        List.of(container("a", OLDER, ContainerStatus.RUNNING)), CREATE, null, List.of("a")),
                Arguments.of("dead container of same deployment",
                        List.of(container("a", WANTED, ContainerStatus.FAILED)), CREATE, null, List.of("a")),
                Arguments.of("duplicates: keep the running one",
                        List.of(container("a", WANTED, ContainerStatus.EXITED),
                                container("b", WANTED, ContainerStatus.RUNNING)), ALREADY_RUNNING, "b", List.of("a")),
                Arguments.of("another slot is not ours to judge",
                        List.of(container("a", OTHER_SLOT, ContainerStatus.RUNNING)), CREATE, null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, List<ManagedContainer> slot, DeployPlan.Action action, String target,
                 List<String> obsolete) {
        DeployPlan plan = DeployPlan.decide(WANTED, slot);

        assertThat(plan.action()).isEqualTo(action);
        assertThat(plan.target() == null ? null : plan.target().dockerId()).isEqualTo(target);
        assertThat(plan.obsolete()).extracting(ManagedContainer::dockerId).containsExactlyElementsOf(obsolete);
    }
}
