package io.graphium.orchestrator.core.lifecycle;

import static io.graphium.orchestrator.core.lifecycle.StackLifecycleTest.OPTIONS;
import static io.graphium.orchestrator.core.lifecycle.StackLifecycleTest.T0;
import static io.graphium.orchestrator.core.lifecycle.StackLifecycleTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.ContainerCommand.Action;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackOperationsTest {

    private static final StackDefinition WAVES = Stacks.WAVES;

    @Test
    void stopStopsEveryContainerAndSettlesWhenAllHaveStopped() {
        Transition stop = StackOperations.stopRequested(running(), WAVES, "s1", T0.plusSeconds(20));

        assertThat(stop.next().status()).isEqualTo(StackStatus.STOPPING);
        assertThat(stop.commands()).map(ContainerCommand.class::cast)
                .extracting(ContainerCommand::action).containsOnly(Action.STOP);
        assertThat(stop.commands()).map(ContainerCommand.class::cast).extracting(ContainerCommand::commandId)
                .containsExactly("c1:db:stop:s1", "c1:cache:stop:s1", "c1:api:stop:s1", "c1:web:stop:s1");
        StackDeployment stack = stop.next();
        stack = report(stack, WAVES, "db", ContainerState.STOPPED, Health.NONE, 21).next();
        stack = report(stack, WAVES, "cache", ContainerState.EXITED, Health.NONE, 21).next();
        Transition failedStop = StackLifecycle.containerReported(stack, WAVES, "c1", "e-api-fail",
                new ContainerStatus("api", "h2", ContainerState.FAILED, Health.NONE, "d-api", null,
                        "Docker: container is paused", T0.plusSeconds(21)));
        assertThat(failedStop.next().status()).as("goes on past one failure").isEqualTo(StackStatus.STOPPING);
        Transition last = report(failedStop.next(), WAVES, "web", ContainerState.STOPPED, Health.NONE, 22);

        assertThat(last.next().status()).isEqualTo(StackStatus.STOPPED);
        assertThat(last.next().error()).isEqualTo("could not stop every container: container 'api' on host h2 "
                + "failed: Docker: container is paused");
        assertThat(last.next().deadlineAt()).isNull();
    }

    @Test
    void aRedeliveredStopChangesNothingEvenAfterTheStackWasStartedAgain() {
        StackDeployment stopped = stopped();
        StackDeployment started = StackOperations.startRequested(stopped, WAVES, "r1", Duration.ofMinutes(5),
                T0.plusSeconds(40)).next();

        assertThat(StackOperations.stopRequested(stopped, WAVES, "s1", T0.plusSeconds(50)).changed()).isFalse();
        assertThat(StackOperations.stopRequested(started, WAVES, "s1", T0.plusSeconds(50)).changed()).isFalse();
        assertThat(StackOperations.startRequested(started, WAVES, "r1", Duration.ofMinutes(5), T0.plusSeconds(50))
                .changed()).isFalse();
    }

    @Test
    void startBringsAStoppedStackBackInDependencyOrder() {
        Transition start = StackOperations.startRequested(stopped(), WAVES, "r1", Duration.ofMinutes(5),
                T0.plusSeconds(40));

        assertThat(start.next().status()).isEqualTo(StackStatus.DEPLOYING);
        assertThat(start.next().deadlineAt()).isEqualTo(T0.plusSeconds(40).plus(Duration.ofMinutes(5)));
        assertThat(start.commands()).map(ContainerCommand.class::cast)
                .extracting(ContainerCommand::action, ContainerCommand::commandId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.START, "c1:db:start:r1"),
                        org.assertj.core.groups.Tuple.tuple(Action.START, "c1:cache:start:r1"));
        StackDeployment stack = start.next();
        stack = report(stack, WAVES, "db", ContainerState.RUNNING, Health.HEALTHY, 41).next();
        Transition cache = report(stack, WAVES, "cache", ContainerState.RUNNING, Health.NONE, 42);
        assertThat(cache.commands()).map(ContainerCommand.class::cast)
                .extracting(ContainerCommand::action, ContainerCommand::commandId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.START, "c1:api:start:r1"));
        stack = report(cache.next(), WAVES, "api", ContainerState.RUNNING, Health.HEALTHY, 43).next();
        stack = report(stack, WAVES, "web", ContainerState.RUNNING, Health.NONE, 44).next();
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
    }

    @Test
    void stopAndStartAreRefusedWithAReasonInStatesThatDoNotAllowThem() {
        Transition start = StackOperations.startRequested(running(), WAVES, "r1", Duration.ofMinutes(5), T0);
        assertThat(start.changed()).isFalse();
        assertThat(start.note()).isEqualTo("cannot start stack 'waves' while it is RUNNING");
        assertThat(start.history()).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.COMMAND_REFUSED);
        assertThat(StackOperations.stopRequested(stopped(), WAVES, "s2", T0).note())
                .isEqualTo("cannot stop stack 'waves' while it is STOPPED");
    }

    @Test
    void removeRemovesEveryContainerWithVolumesWhenAskedAndEndsRemoved() {
        Transition remove = StackOperations.removeRequested(stopped(), WAVES, "x1", true, T0.plusSeconds(60));

        assertThat(remove.next().status()).isEqualTo(StackStatus.REMOVING);
        assertThat(remove.commands()).map(ContainerCommand.class::cast)
                .allSatisfy(c -> {
                    assertThat(c.action()).isEqualTo(Action.REMOVE);
                    assertThat(c.removeVolumes()).isTrue();
                    assertThat(c.commandId()).endsWith(":remove:x1");
                }).hasSize(4);
        StackDeployment stack = remove.next();
        for (String name : List.of("db", "cache", "api")) {
            stack = report(stack, WAVES, name, ContainerState.REMOVED, Health.NONE, 61).next();
            assertThat(stack.status()).isEqualTo(StackStatus.REMOVING);
        }
        Transition removed = report(stack, WAVES, "web", ContainerState.REMOVED, Health.NONE, 62);
        assertThat(removed.next().status()).isEqualTo(StackStatus.REMOVED);
        assertThat(StackOperations.removeRequested(removed.next(), WAVES, "x2", false, T0).changed()).isFalse();
    }

    @Test
    void removeOfAStackThatWasNeverPlacedEndsAtOnce() {
        StackDeployment placing = Stacks.deployRequested(WAVES, OPTIONS).next();
        Transition remove = StackOperations.removeRequested(placing, WAVES, "x1", false, T0.plusSeconds(1));
        assertThat(remove.commands()).isEmpty();
        assertThat(remove.next().status()).isEqualTo(StackStatus.REMOVED);
    }

    @Test
    void agentsThatNeverConfirmAStopDoNotBlockTheStackForever() {
        StackDeployment stopping = StackOperations.stopRequested(running(), WAVES, "s1", T0.plusSeconds(20)).next();
        Transition expired = StackLifecycle.deadlineExpired(stopping, WAVES,
                T0.plusSeconds(20).plus(StackOperations.OPERATION_DEADLINE));
        assertThat(expired.next().status()).isEqualTo(StackStatus.STOPPED);
        assertThat(expired.next().error()).contains("'db' on host h1", "'web' on host h3");
    }

    static StackDeployment running() {
        StackDeployment stack = StackLifecycle.placementDecided(Stacks.deployRequested(WAVES, OPTIONS).next(), "c1",
                "p1", Stacks.placements(WAVES), WAVES, T0).next();
        stack = report(stack, WAVES, "db", ContainerState.RUNNING, Health.HEALTHY, 1).next();
        stack = report(stack, WAVES, "cache", ContainerState.RUNNING, Health.NONE, 2).next();
        stack = report(stack, WAVES, "api", ContainerState.RUNNING, Health.HEALTHY, 3).next();
        stack = report(stack, WAVES, "web", ContainerState.RUNNING, Health.NONE, 4).next();
        assertThat(stack.status()).isEqualTo(StackStatus.RUNNING);
        return stack;
    }

    private static StackDeployment stopped() {
        StackDeployment stack = StackOperations.stopRequested(running(), WAVES, "s1", T0.plusSeconds(20)).next();
        for (String name : List.of("db", "cache", "api", "web")) {
            stack = report(stack, WAVES, name, ContainerState.STOPPED, Health.NONE, 21).next();
        }
        assertThat(stack.status()).isEqualTo(StackStatus.STOPPED);
        return stack;
    }
}
