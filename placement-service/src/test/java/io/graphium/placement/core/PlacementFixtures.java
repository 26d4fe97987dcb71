package io.graphium.placement.core;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.inventory.Inventory;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.HostInfo;
import io.graphium.placement.core.model.HostLiveState;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.Placement;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.Resources;
import io.graphium.placement.core.model.StrategyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders for hosts, containers and requests, with defaults that get out of the way. */
public final class PlacementFixtures {

    public static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    public static final long GIB = 1L << 30;
    public static final long MIB = 1L << 20;
    public static final Duration HOST_TTL = PlacementSettings.DEFAULT_HOST_TTL;

    private PlacementFixtures() {
    }

    public static HostBuilder host(String id) {
        return new HostBuilder(id);
    }

    public static ContainerBuilder container(String name) {
        return new ContainerBuilder(name);
    }

    public static RequestBuilder request(StrategyKind strategy, ContainerBuilder... containers) {
        return new RequestBuilder(strategy, Arrays.stream(containers).map(ContainerBuilder::build).toList());
    }

    public static PortMapping tcp(int hostPort) {
        return new PortMapping(hostPort, hostPort, Protocol.TCP);
    }

    public static PortMapping udp(int hostPort) {
        return new PortMapping(hostPort, hostPort, Protocol.UDP);
    }

    /** A container port that is not published on the host. */
    public static PortMapping unpublished(int containerPort) {
        return new PortMapping(containerPort, 0, Protocol.TCP);
    }

    /** An engine with default settings that knows {@code hosts}. */
    public static PlacementEngine engineWith(HostBuilder... hosts) {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults());
        Arrays.stream(hosts).forEach(host -> engine.apply(host.report()));
        return engine;
    }

    /** An inventory that knows {@code hosts}. */
    public static Inventory inventoryWith(HostBuilder... hosts) {
        Inventory inventory = new Inventory(PlacementSettings.DEFAULT_RESERVATION_TTL);
        Arrays.stream(hosts).forEach(host -> inventory.apply(host.report()));
        return inventory;
    }

    /** The state of one host, as filters and scorers see it. */
    public static HostState stateOf(HostBuilder host) {
        return inventoryWith(host).host(host.id);
    }

    /** {@code web=host1, db=host2} for a decision, {@code failed: <message>} for a failure. */
    public static String outcomeText(PlacementOutcome outcome) {
        if (outcome instanceof PlacementOutcome.Failed failed) {
            return "failed: " + failed.message();
        }
        return String.join(", ", hostsByContainer(outcome).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** Places {@code request} at {@link #NOW} on an engine that knows {@code hosts}. */
    public static String placeOn(List<HostBuilder> hosts, RequestBuilder request) {
        return outcomeText(engineWith(hosts.toArray(HostBuilder[]::new)).place(request.build(), NOW));
    }

    /** Container name to host id, in request order; fails with the message when the outcome is a failure. */
    public static Map<String, String> hostsByContainer(PlacementOutcome outcome) {
        if (outcome instanceof PlacementOutcome.Failed failed) {
            throw new AssertionError("expected a decision, got: " + failed.message());
        }
        Map<String, String> hosts = new LinkedHashMap<>();
        for (Placement placement : ((PlacementOutcome.Decided) outcome).placements()) {
            hosts.put(placement.containerName(), placement.hostId());
        }
        return hosts;
    }

    /** The failure message; fails when the outcome is a decision. */
    public static String failure(PlacementOutcome outcome) {
        if (outcome instanceof PlacementOutcome.Failed failed) {
            return failed.message();
        }
        throw new AssertionError("expected a failure, got: " + hostsByContainer(outcome));
    }

    /** A host: 8 CPUs, 16 GiB, datacenter us-west-2, ACTIVE, heard from {@link #NOW}, idle. */
    public static final class HostBuilder {
        private final String id;
        private int cpus = 8;
        private long memoryBytes = 16 * GIB;
        private String datacenter = "us-west-2";
        private Map<String, String> labels = Map.of();
        private HostStatus status = HostStatus.ACTIVE;
        private Instant seen = NOW;
        private double cpuUsed;
        private long memoryUsed;
        private int running;
        private List<HostPort> ports = List.of();
        private Set<ContainerKey> containers = Set.of();

        private HostBuilder(String id) {
            this.id = id;
        }

        public HostBuilder cpus(int value) {
            cpus = value;
            return this;
        }

        public HostBuilder memory(long bytes) {
            memoryBytes = bytes;
            return this;
        }

        public HostBuilder datacenter(String value) {
            datacenter = value;
            return this;
        }

        public HostBuilder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public HostBuilder status(HostStatus value) {
            status = value;
            return this;
        }

        public HostBuilder seen(Instant value) {
            seen = value;
            return this;
        }

        public HostBuilder used(double cores, long bytes) {
            cpuUsed = cores;
            memoryUsed = bytes;
            return this;
        }

        public HostBuilder running(int containersRunning) {
            running = containersRunning;
            return this;
        }

        public HostBuilder portsInUse(HostPort... value) {
            ports = List.of(value);
            return this;
        }

        public HostBuilder runs(ContainerKey... value) {
            containers = Set.of(value);
            return this;
        }

        public HostInfo info() {
            return new HostInfo(id, id + " name", "10.0.0." + Math.abs(id.hashCode() % 250), cpus, memoryBytes,
                    datacenter, labels);
        }

        /** A heartbeat. */
        public HostReport report() {
            return new HostReport(info(), status, seen,
                    new HostLiveState(cpuUsed, memoryUsed, running, containers, ports));
        }

        /** A registration: no live state. */
        public HostReport registration() {
            return new HostReport(info(), status, seen, null);
        }

        /** A heartbeat whose agent clock says {@code seen} but that this service received at {@code receivedAt}. */
        public HostReport reportReceivedAt(Instant receivedAt) {
            return new HostReport(info(), status, seen,
                    new HostLiveState(cpuUsed, memoryUsed, running, containers, ports), true, receivedAt);
        }

        /** A registration by hand: no agent, so no heartbeat TTL. */
        public HostReport manualRegistration() {
            return new HostReport(info(), status, seen, null, false, seen);
        }
    }

    /** A container with no ports, no declared resources and no constraint. */
    public static final class ContainerBuilder {
        private final String name;
        private List<PortMapping> ports = List.of();
        private Resources resources;
        private HostConstraint constraint = HostConstraint.NONE;

        private ContainerBuilder(String name) {
            this.name = name;
        }

        public ContainerBuilder ports(PortMapping... value) {
            ports = List.of(value);
            return this;
        }

        public ContainerBuilder resources(double cores, long memoryBytes) {
            resources = new Resources(cores, memoryBytes);
            return this;
        }

        public ContainerBuilder constraint(HostConstraint value) {
            constraint = value;
            return this;
        }

        public ContainerBuilder onHost(String hostId) {
            return constraint(HostConstraint.onHost(hostId));
        }

        public ContainerDemand build() {
            return new ContainerDemand(name, ports, resources, constraint);
        }
    }

    /** A request of stack {@code stack-1}, deployment {@code d-1}, without location, not a dry run. */
    public static final class RequestBuilder {
        private final StrategyKind strategy;
        private final List<ContainerDemand> containers;
        private String stackId = "stack-1";
        private String location;
        private boolean dryRun;

        private RequestBuilder(StrategyKind strategy, List<ContainerDemand> containers) {
            this.strategy = strategy;
            this.containers = containers;
        }

        public RequestBuilder stack(String value) {
            stackId = value;
            return this;
        }

        public RequestBuilder location(String value) {
            location = value;
            return this;
        }

        public RequestBuilder dryRun() {
            dryRun = true;
            return this;
        }

        public PlacementRequest build() {
            return new PlacementRequest(stackId, "d-" + stackId, strategy, location, containers, dryRun);
        }
    }
}
