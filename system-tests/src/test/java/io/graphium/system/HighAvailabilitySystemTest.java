package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two orchestrator instances share the stacks (issue 12, proof 2). Stacks are deployed through both; each waits for
 * a db that is held back until the test lets it go. One instance is killed with -9 while every stack waits, the dbs
 * are released at that moment, and the other instance must take the dead one's partitions and finish every stack.
 * Fail-over time = from the kill until the last stack is RUNNING (the survivor's own stacks show the time without
 * a fail-over). REST on either instance answers every stack, before the kill and after the killed one restarts.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
class HighAvailabilitySystemTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final int STACKS = 6;

    @Test
    void theSurvivorTakesTheKilledInstancesStacksAndFinishesThem() throws Exception {
        try (TestSystem system = TestSystem.startWithOrchestrators(3, 2)) {
            List<String> stacks = IntStream.range(0, STACKS).mapToObj(i -> "ha-" + i).toList();
            for (int i = 0; i < STACKS; i++) {
                assertThat(system.api(1 + i % 2).deploy(definition(stacks.get(i))).statusCode())
                        .as("deploy " + stacks.get(i)).isEqualTo(202);
            }
            await("every db runs and every app waits for it").atMost(DEADLINE).ignoreException(IOException.class)
                    .until(() -> {
                        for (String stack : stacks) {
                            if (!dbRunsAndAppWaits(system, stack)) {
                                return false;
                            }
                        }
                        return true;
                    });
            for (int n = 1; n <= 2; n++) {
                for (String stack : stacks) {
                    assertThat(system.api(n).get("/api/v1/stacks/" + stack).statusCode())
                            .as(stack + " on orchestrator-" + n).isEqualTo(200);
                }
            }

            Instant killed = Instant.now();
            system.kill(TestSystem.orchestrator(1));
            releaseTheDatabases(system, stacks);
            Map<String, Duration> runningAfter = new TreeMap<>();
            await("every stack RUNNING through orchestrator-2").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                    .ignoreException(IOException.class).until(() -> {
                        for (String stack : stacks) {
                            if (!runningAfter.containsKey(stack) && system.api(2).stack(stack)
                                    .contains("\"status\":\"RUNNING\"")) {
                                runningAfter.put(stack, Duration.between(killed, Instant.now()));
                            }
                        }
                        return runningAfter.size() == stacks.size();
                    });
            Duration slowest = runningAfter.values().stream().max(Duration::compareTo).orElseThrow();
            Duration fastest = runningAfter.values().stream().min(Duration::compareTo).orElseThrow();
            System.out.printf("MEASURED fail-over: kill -9 of orchestrator-1 to every stack RUNNING on the survivor "
                    + "%.1f s (fastest stack %.1f s; per stack %s)%n", slowest.toMillis() / 1000.0,
                    fastest.toMillis() / 1000.0, runningAfter);

            for (String stack : stacks) {
                assertThat(containerNames(system, stack)).as("one container per entry of " + stack)
                        .containsExactlyInAnyOrder(stack + "-db", stack + "-app");
            }
            system.restart(TestSystem.orchestrator(1));
            for (String stack : stacks) {
                assertThat(system.api(1).stack(stack)).as(stack + " on the restarted orchestrator-1")
                        .contains("\"status\":\"RUNNING\"");
            }
        }
    }

    /** db waits for /tmp/ready before it serves (and turns healthy); app waits for db's health. */
    private static String definition(String name) {
        return OrchestratorApi.appWaitingForDb(name, "until [ -f /tmp/ready ]; do sleep 0.2; done");
    }

    private static boolean dbRunsAndAppWaits(TestSystem system, String stack) throws Exception {
        String view = system.api(1).stack(stack);
        return view.contains("\"status\":\"DEPLOYING\"")
                && java.util.regex.Pattern.compile("\"name\":\"db\",\"hostId\":\"[^\"]+\",\"state\":\"RUNNING\"")
                .matcher(view).find();
    }

    /** Every host at once: on a loaded machine one docker exec after another would take longer than the fail-over. */
    private static void releaseTheDatabases(TestSystem system, List<String> stacks) {
        List<CompletableFuture<Void>> releases = new ArrayList<>();
        for (TestbedHost host : system.testbed.hosts()) {
            releases.add(CompletableFuture.runAsync(() -> {
                for (String name : host.docker("ps", "--filter", "label=io.graphium.container=db", "--format",
                        "{{.Names}}").stdout().lines().filter(l -> !l.isBlank()).toList()) {
                    if (stacks.stream().anyMatch(s -> name.equals(s + "-db"))) {
                        host.docker("exec", name, "touch", "/tmp/ready");
                    }
                }
            }));
        }
        releases.forEach(CompletableFuture::join);
    }

    private static List<String> containerNames(TestSystem system, String stack) {
        List<String> names = new ArrayList<>();
        for (TestbedHost host : system.testbed.hosts()) {
            host.docker("ps", "-a", "--filter", "label=io.graphium.stack=" + stack, "--format", "{{.Names}}")
                    .stdout().lines().filter(l -> !l.isBlank()).forEach(names::add);
        }
        return names;
    }
}
