package io.graphium.agent.core;

import static io.graphium.agent.core.ContainerStatus.EXITED;
import static io.graphium.agent.core.ContainerStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconciliationTest {

    static final ContainerRef WEB = new ContainerRef("shop", "d-2", "web");
    static final ContainerRef WEB_OLD = new ContainerRef("shop", "d-1", "web");
    static final ContainerRef DB = new ContainerRef("shop", "d-2", "db");
    static final ContainerRef GONE = new ContainerRef("old", "d-9", "api");

    static ManagedContainer container(String id, ContainerRef ref, ContainerStatus status) {
        return DeployPlanTest.container(id, ref, status);
    }

    static Desired running(ContainerRef ref) {
        return new Desired(ref, "c-" + ref.containerName(), true, Requests.web(ref, "c-" + ref.containerName()), null);
    }

    static Desired stopped(ContainerRef ref) {
        return new Desired(ref, "c-" + ref.containerName(), false, Requests.web(ref, "c-" + ref.containerName()),
                null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing desired, nothing there", List.of(), List.of(), List.of()),
                Arguments.of("desired and running: adopt", List.of(container("a", WEB, RUNNING)),
                        List.of(running(WEB)), List.of("Adopt a")),
                Arguments.of("desired but missing: deploy", List.of(), List.of(running(WEB)), List.of("Deploy web")),
                Arguments.of("desired but exited: deploy (starts it)", List.of(container("a", WEB, EXITED)),
                        List.of(running(WEB)), List.of("Deploy web")),
                Arguments.of("older deployment runs: deploy (replaces it)", List.of(container("a", WEB_OLD, RUNNING)),
                        List.of(running(WEB)), List.of("Deploy web")),
                Arguments.of("duplicates of the desired: deploy (removes the extra)",
                        List.of(container("a", WEB, RUNNING), container("b", WEB, RUNNING)),
                        List.of(running(WEB)), List.of("Deploy web")),
                Arguments.of("desired stopped but runs: stop", List.of(container("a", WEB, RUNNING)),
                        List.of(stopped(WEB)), List.of("Stop a")),
                Arguments.of("desired stopped and exited: nothing", List.of(container("a", WEB, EXITED)),
                        List.of(stopped(WEB)), List.of()),
                Arguments.of("desired stopped, older deployment and a duplicate: remove them, stop the one",
                        List.of(container("a", WEB_OLD, RUNNING), container("c", WEB, EXITED),
                                container("b", WEB, RUNNING)),
                        List.of(stopped(WEB)), List.of("Remove a", "Remove c", "Stop b")),
                Arguments.of("not desired (absent or tombstoned): remove, after the desired slots",
                        List.of(container("z", GONE, RUNNING), container("a", WEB, RUNNING)),
                        List.of(running(WEB), running(DB)), List.of("Deploy db", "Adopt a", "Remove z")),
                Arguments.of("another host's container: not judged",
                        List.of(new ManagedContainer(GONE, "y", "old-api", "img", "c", RUNNING, Health.NONE, null,
                                List.of(), null, null, "h2")),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, List<ManagedContainer> observed, List<Desired> desired, List<String> expected) {
        assertThat(Reconciliation.decide(observed, desired, "h1")).extracting(ReconciliationTest::describe)
                .containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void removalsSayWhy() {
        List<Reconciliation.Action> actions = Reconciliation.decide(
                List.of(container("z", GONE, RUNNING), container("a", WEB_OLD, EXITED)), List.of(stopped(WEB)), "h1");
        assertThat(actions).containsExactly(
                new Reconciliation.Remove(container("a", WEB_OLD, EXITED), Reconciliation.OTHER_DEPLOYMENT),
                new Reconciliation.Remove(container("z", GONE, RUNNING), Reconciliation.NOT_DESIRED));
    }

    static String describe(Reconciliation.Action action) {
        if (action instanceof Reconciliation.Adopt adopt) {
            return "Adopt " + adopt.container().dockerId();
        } else if (action instanceof Reconciliation.Deploy deploy) {
            return "Deploy " + deploy.desired().ref().containerName();
        } else if (action instanceof Reconciliation.Stop stop) {
            return "Stop " + stop.container().dockerId();
        }
        return "Remove " + ((Reconciliation.Remove) action).container().dockerId();
    }
}
