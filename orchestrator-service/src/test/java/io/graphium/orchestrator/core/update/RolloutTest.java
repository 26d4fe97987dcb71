package io.graphium.orchestrator.core.update;

import static io.graphium.orchestrator.core.update.Stacks.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.UpdatePolicy;
import io.graphium.orchestrator.core.UpdatePolicy.FailureAction;
import io.graphium.orchestrator.core.UpdatePolicy.Order;
import io.graphium.orchestrator.core.update.ContainerChange.Kind;
import io.graphium.orchestrator.core.update.StackDiff.Revision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rollout order, the start-first rule and the failure decision; a seeded property test over random stacks. */
class RolloutTest {

    @Test
    void replacesOnlyWhatChangesInDependencyOrderOneAtATime() {
        // web -> api -> db; redis unchanged; every image but redis's changes.
        Revision current = revision("h1", "db:1", "api:1", "web:1", "redis:7");
        Revision next = revision("h1", "db:2", "api:2", "web:2", "redis:7");

        Rollout rollout = rollout(current, next, policy(1, Order.STOP_FIRST));

        assertThat(rollout.batches()).containsExactly(List.of("db"), List.of("api"), List.of("web"));
        assertThat(rollout.replacements()).doesNotContainKey("redis");
    }

    @Test
    void containersWithoutDependenciesBetweenThemGoTogetherUpToTheParallelism() {
        Revision current = revision("h1", "db:1", "api:1", "web:1", "redis:7");
        Revision next = revision("h1", "db:2", "api:1", "web:1", "redis:8");

        assertThat(rollout(current, next, policy(2, Order.STOP_FIRST)).batches())
                .containsExactly(List.of("db", "redis"));
        assertThat(rollout(current, next, policy(1, Order.STOP_FIRST)).batches())
                .containsExactly(List.of("db"), List.of("redis"));
    }

    @Test
    void aContainerWaitsOnlyForDependenciesTheRolloutReplaces() {
        Revision current = revision("h1", "db:1", "api:1", "web:1", "redis:7");
        Revision next = revision("h1", "db:1", "api:1", "web:2", "redis:7");

        Rollout rollout = rollout(current, next, policy(1, Order.STOP_FIRST));

        assertThat(rollout.replacements().get("web").after()).isEmpty();
        assertThat(rollout.startable(Set.of(), Set.of())).containsExactly("web");
    }

    @Test
    void startFirstOnlyWhereTheNewContainerRunsOnAnotherHostAndThePlanSaysSo() {
        Revision current = revision("h1", "db:1", "api:1", "web:1", "redis:7");
        Map<String, Placement> moved = new LinkedHashMap<>(current.placements());
        moved.put("api", new Placement("h2", "10.0.0.2", List.of()));
        Revision next = new Revision(definition("db:1", "api:2", "web:2", "redis:7"), moved);

        Rollout rollout = rollout(current, next, policy(1, Order.START_FIRST));

        assertThat(rollout.replacements().get("api").order()).isEqualTo(Order.START_FIRST);
        assertThat(rollout.replacements().get("api").note()).isNull();
        assertThat(rollout.replacements().get("web").order()).isEqualTo(Order.STOP_FIRST);
        assertThat(rollout.replacements().get("web").note()).startsWith("stop-first: start-first needs the new "
                + "container on another host than the old one (h1)");
    }

    @Test
    void theStartableSetRespectsWhatIsInFlight() {
        Revision current = revision("h1", "db:1", "api:1", "web:1", "redis:7");
        Revision next = revision("h1", "db:2", "api:2", "web:2", "redis:8");
        Rollout rollout = rollout(current, next, policy(2, Order.STOP_FIRST));

        assertThat(rollout.startable(Set.of(), Set.of())).containsExactly("db", "redis");
        assertThat(rollout.startable(Set.of(), Set.of("db"))).containsExactly("redis");
        assertThat(rollout.startable(Set.of("db"), Set.of("db", "redis"))).containsExactly("api");
        assertThat(rollout.complete(Set.of("db", "redis", "api"))).isFalse();
        assertThat(rollout.complete(Set.of("db", "redis", "api", "web"))).isTrue();
    }

    @Test
    void removedContainersGoLast() {
        Revision current = new Revision(definition("db:1", "api:1", "web:1", "redis:7"), placements("h1"));
        StackDefinition withoutRedis = parsed("{'name':'db','image':'db:2'}");
        Revision next = new Revision(withoutRedis, Map.of("db", new Placement("h1", "10.0.0.1", List.of())));

        Rollout rollout = rollout(current, next, policy(1, Order.STOP_FIRST));

        assertThat(rollout.batches()).containsExactly(List.of("db"));
        assertThat(rollout.removed()).containsExactly("api", "web", "redis");
    }

    @ParameterizedTest(name = "{0}, rolling back {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ROLLBACK | false | ROLL_BACK | 'db' of revision 3 was not healthy within 300 s: rolling back to revision 2
            PAUSE    | false | PAUSE     | 'db' of revision 3 was not healthy within 300 s: the update is paused (failureAction pause)
            CONTINUE | false | CONTINUE  | 'db' of revision 3 was not healthy within 300 s: going on with the other containers (failureAction continue)
            ROLLBACK | true  | PAUSE     | the rollback to revision 3 failed: 'db' of revision 3 was not healthy within 300 s; the stack is paused until an operator acts
            CONTINUE | true  | PAUSE     | the rollback to revision 3 failed: 'db' of revision 3 was not healthy within 300 s; the stack is paused until an operator acts
            """)
    void aFailedUpdateDoesWhatItsPolicySaysAndARollbackNeverRollsBackAgain(FailureAction action,
            boolean rollingBack, UpdateFailure.Action expected, String reason) {
        UpdatePolicy policy = new UpdatePolicy(1, Order.STOP_FIRST, Duration.ofSeconds(10), Duration.ofMinutes(5),
                action);

        UpdateFailure failure = UpdateFailure.decide(policy, rollingBack, 2, 3, "db", "was not healthy within 300 s");

        assertThat(failure.action()).isEqualTo(expected);
        assertThat(failure.reason()).isEqualTo(reason);
    }

    /**
     * Random stacks (random dependencies, images, hosts, host ports, parallelism, order), rolled out step by step
     * as the orchestrator would, with the containers each step leaves running tracked: no entry ever has two
     * containers on one host port of one host, each dependency is replaced before its dependents, no batch exceeds
     * the parallelism, and at the end each entry has exactly one container, of the new revision.
     */
    @Test
    void noRolloutEverRunsTwoContainersOfOneEntryOnOneHostPortNorEndsWithBothRevisions() {
        long seed = Long.getLong("graphium.rollout.seed", new Random().nextLong());
        System.out.println("RolloutTest seed " + seed + " (-Dgraphium.rollout.seed=" + seed + " repeats it)");
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            int size = 1 + random.nextInt(7);
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            Map<String, Placement> placedBefore = new LinkedHashMap<>();
            Map<String, Placement> placedAfter = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                String name = "c" + i;
                String deps = i == 0 || random.nextBoolean() ? "" : ",'dependsOn':['c" + random.nextInt(i) + "']";
                int port = 10000 + i;
                String ports = ",'ports':[{'containerPort':80,'hostPort':" + port + "}]";
                boolean inBefore = random.nextInt(8) > 0;
                boolean inAfter = random.nextInt(8) > 0 || !inBefore;
                if (inBefore) {
                    before.add("{'name':'" + name + "','image':'img:1'" + ports + deps + "}");
                    placedBefore.put(name, placement("h" + random.nextInt(3), port));
                }
                if (inAfter) {
                    after.add("{'name':'" + name + "','image':'img:" + (1 + random.nextInt(2)) + "'" + ports + deps
                            + "}");
                    placedAfter.put(name, random.nextInt(4) == 0 || !placedBefore.containsKey(name)
                            ? placement("h" + random.nextInt(3), port) : placedBefore.get(name));
                }
            }
            Revision current = new Revision(parsedDependingOnPresent(before), placedBefore);
            Revision next = new Revision(parsedDependingOnPresent(after), placedAfter);
            UpdatePolicy policy = policy(1 + random.nextInt(3), random.nextBoolean() ? Order.START_FIRST
                    : Order.STOP_FIRST);
            Rollout rollout = rollout(current, next, policy);
            String context = "seed " + seed + " round " + round + ": " + after;

            // running: entry -> the (revision, host) of each of its containers
            Map<String, List<String>> running = new HashMap<>();
            placedBefore.forEach((name, p) -> running.computeIfAbsent(name, k -> new ArrayList<>())
                    .add("old@" + p.hostId()));
            Set<String> done = new HashSet<>();
            for (List<String> batch : rollout.batches()) {
                assertThat(batch.size()).as(context).isLessThanOrEqualTo(policy.parallelism());
                for (String name : batch) {
                    Rollout.Replacement r = rollout.replacements().get(name);
                    assertThat(done).as(context + ": " + name + " after its dependencies").containsAll(r.after());
                    List<String> slot = running.computeIfAbsent(name, k -> new ArrayList<>());
                    if (r.order() == Order.START_FIRST) {
                        slot.add("new@" + r.toHost());
                        assertNoTwoOnOneHost(slot, context + ": " + name);
                        slot.remove("old@" + r.fromHost());
                    } else {
                        slot.remove("old@" + r.fromHost());
                        slot.add("new@" + r.toHost());
                        assertNoTwoOnOneHost(slot, context + ": " + name);
                    }
                }
                done.addAll(batch);
            }
            rollout.removed().forEach(running::remove);
            StackDiff diff = StackDiff.between(current, next);
            for (String name : placedAfter.keySet()) {
                String expected = (diff.of(name).kind() == Kind.UNCHANGED ? "old@" : "new@")
                        + placedAfter.get(name).hostId();
                assertThat(running.get(name)).as(context + ": " + name + " at the end").containsExactly(expected);
            }
            assertThat(running.keySet()).as(context).containsExactlyInAnyOrderElementsOf(placedAfter.keySet());
        }
    }

    private static void assertNoTwoOnOneHost(List<String> slot, String context) {
        Set<String> hosts = new HashSet<>();
        for (String container : slot) {
            assertThat(hosts.add(container.substring(container.indexOf('@') + 1)))
                    .as(context + " has two containers on one host: " + slot).isTrue();
        }
    }

    // --- helpers ---

    private static Rollout rollout(Revision current, Revision next, UpdatePolicy policy) {
        return Rollout.of(StackDiff.between(current, next), current, next, policy);
    }

    private static UpdatePolicy policy(int parallelism, Order order) {
        return new UpdatePolicy(parallelism, order, Duration.ofSeconds(10), Duration.ofMinutes(5),
                FailureAction.ROLLBACK);
    }

    private static Placement placement(String host, int port) {
        return new Placement(host, "10.0.0." + host.substring(1), List.of(
                new io.graphium.orchestrator.core.PortMapping(80, port, null)));
    }

    /** db, api (depends on db), web (depends on api), redis, all on one host, with these images. */
    private static Revision revision(String host, String db, String api, String web, String redis) {
        return new Revision(definition(db, api, web, redis), placements(host));
    }

    private static Map<String, Placement> placements(String host) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        for (String name : List.of("db", "api", "web", "redis")) {
            placements.put(name, new Placement(host, "10.0.0.1", List.of()));
        }
        return placements;
    }

    private static StackDefinition definition(String db, String api, String web, String redis) {
        return parsed("{'name':'db','image':'" + db + "'}",
                "{'name':'api','image':'" + api + "','dependsOn':['db']}",
                "{'name':'web','image':'" + web + "','dependsOn':['api']}",
                "{'name':'redis','image':'" + redis + "'}");
    }

    /** Drops dependencies on containers not in this revision (the random generator may name one). */
    private static StackDefinition parsedDependingOnPresent(List<String> containers) {
        Set<String> present = new HashSet<>();
        containers.forEach(c -> present.add(c.substring(c.indexOf("'name':'") + 8, c.indexOf("','image'"))));
        List<String> kept = containers.stream().map(c -> {
            int at = c.indexOf(",'dependsOn':['");
            if (at < 0) {
                return c;
            }
            String dependency = c.substring(at + 15, c.indexOf("']", at));
            return present.contains(dependency) ? c : c.substring(0, at) + "}";
        }).toList();
        return parsed(kept.toArray(String[]::new));
    }
}
