package io.graphium.placement.benchmark;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.PlacementEngine;
import io.graphium.placement.core.PlacementSettings;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostInfo;
import io.graphium.placement.core.model.HostLiveState;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.StrategyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placement throughput: containers placed per second (one thread, so one core) for one stack of {@code containers}
 * on {@code hosts} hosts, ports and resources accounted. Every container publishes its own host port and reserves
 * the default 0.1 core / 200 MiB; hosts differ in usage, datacenter (4) and ports already in use, so the search
 * meets rejections. Each invocation places the whole stack as a dry run: every container is evaluated with the
 * reservations of the ones before it held (as in a real decision), and the reservations are released at the end,
 * so every invocation starts from the same inventory. Not a test: run it with the {@code benchmark} profile (see the
 * README).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PlacementBenchmark {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    static final long GIB = 1L << 30;

    /** Scores are containers per second: one operation per container of the stack. */
    @Benchmark
    @OperationsPerInvocation(10)
    public PlacementOutcome stackOf10(StackOf10 stack) {
        return stack.engine.place(stack.request, NOW);
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public PlacementOutcome stackOf10000(StackOf10000 stack) {
        return stack.engine.place(stack.request, NOW);
    }

    @State(Scope.Benchmark)
    public static class StackOf10 extends Inventory {
        @Setup
        public void setUp() {
            build(10);
        }
    }

    @State(Scope.Benchmark)
    public static class StackOf10000 extends Inventory {
        @Setup
        public void setUp() {
            build(10_000);
        }
    }

    /** An engine that knows {@code hosts} hosts, and a stack to place on it. */
    @State(Scope.Benchmark)
    public abstract static class Inventory {

        @Param({"100", "1000", "5000"})
        public int hosts;

        @Param({"AUTO", "SPREAD"})
        public StrategyKind strategy;

        PlacementEngine engine;
        PlacementRequest request;

        void build(int containers) {
            Random random = new Random(42);
            engine = new PlacementEngine(PlacementSettings.defaults());
            for (int i = 0; i < hosts; i++) {
                String id = String.format("host-%05d", i);
                List<HostPort> busy = List.of(new HostPort(10_000 + random.nextInt(containers), Protocol.TCP));
                engine.apply(new HostReport(
                        new HostInfo(id, id, "10.0." + i / 250 + "." + i % 250, 64, 256 * GIB, "dc-" + i % 4,
                                Map.of()),
                        HostStatus.ACTIVE, NOW,
                        new HostLiveState(random.nextInt(32), random.nextInt(128) * GIB, random.nextInt(20),
                                Set.of(), busy)));
            }
            List<ContainerDemand> demands = new ArrayList<>(containers);
            for (int i = 0; i < containers; i++) {
                demands.add(new ContainerDemand("c" + i, List.of(new PortMapping(8080, 10_000 + i, Protocol.TCP)),
                        null, null));
            }
            request = new PlacementRequest("bench", "d-1", strategy, "dc-1", demands, true);
            PlacementOutcome outcome = engine.place(request, NOW);
            if (!(outcome instanceof PlacementOutcome.Decided)) {
                throw new IllegalStateException("the benchmark stack does not fit: " + outcome);
            }
        }
    }
}
