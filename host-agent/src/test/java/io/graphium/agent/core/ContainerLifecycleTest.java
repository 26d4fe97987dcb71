package io.graphium.agent.core;

import static io.graphium.agent.core.ContainerStatus.CREATED;
import static io.graphium.agent.core.ContainerStatus.FAILED;
import static io.graphium.agent.core.ContainerStatus.PULLING;
import static io.graphium.agent.core.ContainerStatus.REMOVED;
import static io.graphium.agent.core.ContainerStatus.RUNNING;
import static io.graphium.agent.core.ContainerStatus.STOPPED;
import static io.graphium.agent.core.Requests.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerLifecycleTest {

    final FakeRuntime runtime = new FakeRuntime();
    final List<StatusChange> reported = new ArrayList<>();
    final StopRequests stops = new StopRequests();
    final ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, reported::add, stops, new SlotLocks(), "h1",
            Duration.ofSeconds(30));

    @Test
    void deployCreatesStartsAndReportsCreatedThenRunning() {
        lifecycle.deploy(Requests.web(WEB, "c-1"));

        assertThat(reported).extracting(StatusChange::status).containsExactly(CREATED, RUNNING);
        assertThat(reported).allSatisfy(change -> {
            assertThat(change.commandId()).isEqualTo("c-1");
            assertThat(change.ref()).isEqualTo(WEB);
            assertThat(change.dockerId()).isEqualTo("id1");
        });
        assertThat(runtime.containers.get("id1").labels()).containsEntry("io.graphium.managed", "true")
                .containsEntry("io.graphium.stack", "shop").containsEntry("io.graphium.container", "web")
                .containsEntry("io.graphium.deployment", "d-1").containsEntry("io.graphium.command", "c-1")
                .containsEntry("team", "shop");
    }

    @Test
    void redeliveredDeployChangesNothingAndReportsTheCurrentState() {
        lifecycle.deploy(Requests.web(WEB, "c-1"));
        runtime.calls.clear();
        reported.clear();

        lifecycle.deploy(Requests.web(WEB, "c-1"));

        assertThat(runtime.containers).hasSize(1);
        assertThat(runtime.calls).containsExactly("find shop/web");
        assertThat(reported).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(RUNNING);
            assertThat(change.dockerId()).isEqualTo("id1");
            assertThat(change.message()).isEqualTo("already running");
        });
    }

    @Test
    void deployAdoptsAContainerOfTheSameDeploymentThatDoesNotRun() {
        String id = runtime.existing(WEB, "created");

        lifecycle.deploy(Requests.web(WEB, "c-1"));

        assertThat(runtime.calls).containsExactly("find shop/web", "start " + id);
        assertThat(reported).extracting(StatusChange::status).containsExactly(RUNNING);
    }

    @Test
    void deployOfANewDeploymentReplacesTheOldContainer() {
        String old = runtime.existing(new ContainerRef("shop", "d-0", "web"), "running");

        lifecycle.deploy(Requests.web(WEB, "c-2"));

        assertThat(runtime.calls).containsExactly("find shop/web", "remove " + old, "create shop-web", "start id2");
        assertThat(reported).extracting(StatusChange::status).containsExactly(REMOVED, CREATED, RUNNING);
        assertThat(reported.get(0).ref().deploymentId()).isEqualTo("d-0");
        assertThat(reported.get(0).message()).isEqualTo("replaced by deployment d-1");
    }

    @Test
    void missingImageIsPulledFirst() {
        lifecycle.deploy(Requests.request(WEB, "c-1", "graphium/web:2"));

        assertThat(runtime.calls).containsSubsequence("pull graphium/web:2", "create shop-web");
        assertThat(reported).extracting(StatusChange::status).containsExactly(PULLING, CREATED, RUNNING);
    }

    @Test
    void imageThatCannotBePulledFailsWithTheReasonAndCreatesNothing() {
        runtime.pullFailure = "pull access denied for graphium/nope";

        lifecycle.deploy(Requests.request(WEB, "c-1", "graphium/nope:1"));

        assertThat(runtime.containers).isEmpty();
        assertThat(reported).extracting(StatusChange::status).containsExactly(PULLING, FAILED);
        assertThat(reported.get(1).message()).isEqualTo("image graphium/nope:1 is not present on host h1 and could "
                + "not be pulled: pull access denied for graphium/nope");
        assertThat(reported.get(1).dockerId()).isNull();
    }

    @Test
    void startThatFailsIsDiagnosedAndRolledBack() {
        runtime.startFailure = "driver failed programming external connectivity on endpoint shop-web (abc): "
                + "Bind for 0.0.0.0:18080 failed: port is already allocated";

        lifecycle.deploy(Requests.web(WEB, "c-1"));

        assertThat(runtime.containers).isEmpty();
        assertThat(reported).extracting(StatusChange::status).containsExactly(CREATED, FAILED);
        assertThat(reported.get(1).message()).isEqualTo("container web of stack shop (deployment d-1) could not "
                + "start on host h1: host port 18080 is already in use; the container was removed");
    }

    @Test
    void containerThatExitsRightAfterStartIsDiagnosedWithItsLastWords() {
        runtime.statusAfterStart = "exited";
        runtime.exitCodeAfterStart = 3;
        runtime.logs = List.of("starting", "FATAL: no database at db:5432");

        lifecycle.deploy(Requests.web(WEB, "c-1"));

        assertThat(runtime.containers).isEmpty();
        StatusChange failed = reported.get(reported.size() - 1);
        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.message()).isEqualTo("container web of stack shop (deployment d-1) on host h1 exited with "
                + "code 3; last log lines: starting | FATAL: no database at db:5432; the container was removed");
    }

    @Test
    void oomKilledContainerSaysSo() {
        runtime.statusAfterStart = "exited";
        runtime.exitCodeAfterStart = 137;
        runtime.oomAfterStart = true;

        lifecycle.deploy(Requests.web(WEB, "c-1"));

        assertThat(reported.get(reported.size() - 1).message()).isEqualTo("container web of stack shop (deployment "
                + "d-1) on host h1 was killed for running out of memory (limit 64 MiB); the container was removed");
    }

    @Test
    void unavailableRuntimeIsNotAVerdictTheCommandPropagatesForRetry() {
        runtime.unavailable = true;

        assertThatThrownBy(() -> lifecycle.deploy(Requests.web(WEB, "c-1")))
                .isInstanceOf(ContainerRuntimeException.class)
                .satisfies(e -> assertThat(((ContainerRuntimeException) e).unavailable()).isTrue());
        assertThat(reported).isEmpty();
    }

    @Test
    void stopStartRemoveReportTheirStates() {
        lifecycle.deploy(Requests.web(WEB, "c-1"));
        reported.clear();

        lifecycle.stop("c-2", WEB, Duration.ofSeconds(5));
        assertThat(stops.view(runtime.observe().managed().get(0)).status()).isEqualTo(STOPPED);
        lifecycle.start("c-3", WEB);
        lifecycle.remove("c-4", WEB, false);

        assertThat(reported).extracting(StatusChange::commandId, StatusChange::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c-2", STOPPED), org.assertj.core.groups.Tuple.tuple("c-3", RUNNING),
                org.assertj.core.groups.Tuple.tuple("c-4", REMOVED));
        assertThat(reported.get(0).exitCode()).isEqualTo(143);
        assertThat(runtime.containers).isEmpty();
    }

    @Test
    void removingWhatIsGoneIsDoneAlready() {
        lifecycle.remove("c-9", WEB, true);

        assertThat(reported).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(REMOVED);
            assertThat(change.message()).isEqualTo("nothing to remove on host h1");
        });
    }

    @Test
    void stoppingOrStartingWhatIsNotThereFails() {
        lifecycle.stop("c-8", WEB, Duration.ofSeconds(1));
        lifecycle.start("c-9", WEB);

        assertThat(reported).extracting(StatusChange::status).containsExactly(FAILED, FAILED);
        assertThat(reported.get(0).message())
                .isEqualTo("there is no container web of stack shop (deployment d-1) on host h1");
    }

    @Test
    void commandsForAnotherDeploymentLeaveTheCurrentOneAlone() {
        runtime.existing(WEB, "running");

        lifecycle.remove("c-9", new ContainerRef("shop", "d-0", "web"), false);

        assertThat(runtime.containers).hasSize(1);
        assertThat(reported).extracting(StatusChange::status).containsExactly(REMOVED);
    }

    @Test
    void rejectedDeployIsReportedFailed() {
        lifecycle.reject("c-1", WEB, "its secret cannot be opened");

        assertThat(reported).singleElement().satisfies(change -> {
            assertThat(change.status()).isEqualTo(FAILED);
            assertThat(change.message()).isEqualTo("its secret cannot be opened");
        });
        assertThat(runtime.containers).isEmpty();
    }
}
