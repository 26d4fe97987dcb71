package io.graphium.placement.core;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.placement.core.PlacementFixtures.HostBuilder;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.HostStatus;
import io.graphium.placement.core.model.Placement;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.Resources;
import io.graphium.placement.core.model.StrategyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules that hold for any inventory and any stacks, checked over a few hundred seeded random cases (the seed is in
 * every failure message, so a failure replays exactly).
 */
class PlacementInvariantsTest {

    static final int RUNS = 300;
    static final List<String> DATACENTERS = List.of("dc-a", "dc-b");

    @Test
    void noHostPortIsEverBookedTwiceAndOnlyActiveHostsAreChosen() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            List<HostReport> hosts = randomHosts(random);
            PlacementEngine engine = engineWith(hosts);
            Map<String, Set<Integer>> booked = new HashMap<>();
            hosts.forEach(h -> booked.put(h.host().id(), keys(h.live().portsInUse())));
            for (int stack = 0; stack < 5; stack++) {
                PlacementRequest request = randomRequest(random, "s" + stack, randomStrategy(random));
                for (Placement placement : reserved(request, engine.place(request, NOW))) {
                    HostReport chosen = hosts.stream().filter(h -> h.host().id().equals(placement.hostId()))
                            .findFirst().orElseThrow();
                    assertThat(chosen.status()).as("seed %d: %s", seed, placement).isEqualTo(HostStatus.ACTIVE);
                    for (PortMapping port : placement.ports()) {
                        if (port.isPublished()) {
                            assertThat(booked.get(placement.hostId()).add(port.hostSide().key()))
                                    .as("seed %d: %s on %s booked twice", seed, port.hostSide(), placement.hostId())
                                    .isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void autoNeverFillsAHostBeyondItsCapacity() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            List<HostReport> hosts = randomHosts(random);
            PlacementEngine engine = engineWith(hosts);
            Map<String, long[]> reserved = new HashMap<>();
            for (int stack = 0; stack < 5; stack++) {
                PlacementRequest request = randomRequest(random, "s" + stack, StrategyKind.AUTO);
                for (Placement placement : reserved(request, engine.place(request, NOW))) {
                    Resources need = request.containers().stream()
                            .filter(c -> c.name().equals(placement.containerName())).findFirst().orElseThrow()
                            .reservation();
                    long[] sum = reserved.computeIfAbsent(placement.hostId(), id -> new long[2]);
                    sum[0] += need.milliCpu();
                    sum[1] += need.memoryBytes();
                }
            }
            for (HostReport host : hosts) {
                long[] sum = reserved.getOrDefault(host.host().id(), new long[2]);
                if (host.host().cpus() > 0) {
                    assertThat(Math.round(host.live().cpuUsedCores() * 1000) + sum[0]).as("seed %d: cpu of %s", seed,
                            host.host().id()).isLessThanOrEqualTo(host.host().cpus() * 1000L);
                }
                if (host.host().memoryBytes() > 0) {
                    assertThat(host.live().memoryUsedBytes() + sum[1]).as("seed %d: memory of %s", seed,
                            host.host().id()).isLessThanOrEqualTo(host.host().memoryBytes());
                }
            }
        }
    }

    @Test
    void spreadKeepsActiveHostsWithinOneContainerOfEachOther() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            int hostCount = 1 + random.nextInt(8);
            List<HostReport> hosts = new ArrayList<>();
            for (int i = 0; i < hostCount; i++) {
                hosts.add(host("h" + i).cpus(random.nextInt(4)).report());
            }
            int containers = 1 + random.nextInt(30);
            List<ContainerDemand> demands = new ArrayList<>();
            for (int i = 0; i < containers; i++) {
                demands.add(new ContainerDemand("c" + i, List.of(), null, null));
            }
            PlacementRequest request = new PlacementRequest("s", "d", StrategyKind.SPREAD, null, demands, false);

            Map<String, Integer> perHost = new HashMap<>();
            hosts.forEach(h -> perHost.put(h.host().id(), 0));
            reserved(request, engineWith(hosts).place(request, NOW))
                    .forEach(p -> perHost.merge(p.hostId(), 1, Integer::sum));

            int max = perHost.values().stream().max(Integer::compare).orElseThrow();
            int min = perHost.values().stream().min(Integer::compare).orElseThrow();
            assertThat(max - min).as("seed %d: %s", seed, perHost).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theSameInputGivesTheSameOutput() {
        for (int seed = 0; seed < RUNS; seed++) {
            PlacementOutcome first = placeRandomly(seed);
            PlacementOutcome second = placeRandomly(seed);
            assertThat(second).as("seed %d", seed).isEqualTo(first);
        }
    }

    private static PlacementOutcome placeRandomly(int seed) {
        Random random = new Random(seed);
        PlacementEngine engine = engineWith(randomHosts(random));
        return engine.place(randomRequest(random, "s", randomStrategy(random)), NOW);
    }

    private static List<HostReport> randomHosts(Random random) {
        int count = random.nextInt(10);
        List<HostReport> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HostBuilder host = host("h" + i)
                    .cpus(random.nextInt(5) * 2)
                    .memory(random.nextInt(5) * GIB)
                    .datacenter(random.nextInt(4) == 0 ? null : DATACENTERS.get(random.nextInt(2)))
                    .status(random.nextInt(6) == 0 ? HostStatus.MAINTENANCE : HostStatus.ACTIVE)
                    .used(random.nextDouble(), random.nextInt(512) * (1L << 20))
                    .running(random.nextInt(6))
                    .portsInUse(randomPorts(random, random.nextInt(4)).toArray(HostPort[]::new));
            hosts.add(host.report());
        }
        return hosts;
    }

    private static PlacementRequest randomRequest(Random random, String stackId, StrategyKind strategy) {
        int count = 1 + random.nextInt(12);
        List<ContainerDemand> containers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<PortMapping> ports = randomPorts(random, random.nextInt(3)).stream()
                    .map(p -> new PortMapping(80, random.nextInt(5) == 0 ? 0 : p.port(), p.protocol())).toList();
            Resources resources = random.nextBoolean() ? null
                    : new Resources(random.nextInt(20) / 10.0, random.nextInt(1024) * (1L << 20));
            containers.add(new ContainerDemand("c" + i, ports, resources, null));
        }
        String location = strategy == StrategyKind.DATACENTER || random.nextBoolean()
                ? DATACENTERS.get(random.nextInt(2)) : null;
        return new PlacementRequest(stackId, "d-" + stackId, strategy, location, containers, random.nextInt(5) == 0);
    }

    /** Distinct ports from a small range, so that conflicts are frequent. */
    private static List<HostPort> randomPorts(Random random, int count) {
        Set<HostPort> ports = new HashSet<>();
        while (ports.size() < count) {
            ports.add(new HostPort(8000 + random.nextInt(6), random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP));
        }
        return List.copyOf(ports);
    }

    private static StrategyKind randomStrategy(Random random) {
        StrategyKind[] scored = {StrategyKind.AUTO, StrategyKind.SPREAD, StrategyKind.DATACENTER};
        return scored[random.nextInt(scored.length)];
    }

    private static PlacementEngine engineWith(List<HostReport> hosts) {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults());
        hosts.forEach(engine::apply);
        return engine;
    }

    /** The placements of a decision that reserved something (not a dry run, not a failure). */
    private static List<Placement> reserved(PlacementRequest request, PlacementOutcome outcome) {
        return outcome instanceof PlacementOutcome.Decided decided && !request.dryRun()
                ? decided.placements() : List.of();
    }

    private static Set<Integer> keys(List<HostPort> ports) {
        Set<Integer> keys = new HashSet<>();
        ports.forEach(p -> keys.add(p.key()));
        return keys;
    }
}
