package io.graphium.agent.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/** An in-memory container runtime: containers are rows, failures are switches. */
final class FakeRuntime implements ContainerRuntime {

    record Row(String id, ContainerRequest request, Map<String, String> labels, String dockerStatus,
               Integer exitCode, boolean oomKilled) {
        Row with(String status, Integer code, boolean oom) {
            return new Row(id, request, labels, status, code, oom);
        }
    }

    final Map<String, Row> containers = new LinkedHashMap<>();
    final Set<String> images = new HashSet<>(Set.of("graphium/busybox:1"));
    final List<String> calls = new ArrayList<>();
    String pullFailure;
    String startFailure;
    /** After a start the container is this instead of running (e.g. "exited"). */
    String statusAfterStart = "running";
    Integer exitCodeAfterStart;
    boolean oomAfterStart;
    List<String> logs = List.of();
    boolean unavailable;
    private int nextId = 1;

    /** Puts a container of {@code ref} in place as if an earlier agent had created it. */
    String existing(ContainerRef ref, String dockerStatus) {
        ContainerRequest request = Requests.web(ref, "c-earlier");
        String id = "id" + nextId++;
        containers.put(id, new Row(id, request, request.allLabels("h1"), dockerStatus, null, false));
        return id;
    }

    private void check() {
        if (unavailable) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.UNAVAILABLE, "daemon is away");
        }
    }

    @Override
    public HostFacts hostFacts() {
        check();
        return new HostFacts(2, 8L << 30, "20.10.24");
    }

    @Override
    public HostObservation observe() {
        check();
        List<ManagedContainer> managed = containers.values().stream().map(FakeRuntime::managed).toList();
        List<PortInUse> ports = managed.stream().flatMap(c -> c.ports().stream()).filter(PortBinding::published)
                .map(p -> new PortInUse(p.hostPort(), p.protocol())).toList();
        return new HostObservation(managed, ports, (int) managed.stream().filter(ManagedContainer::running).count());
    }

    @Override
    public List<ManagedContainer> findSlot(String stackId, String containerName) {
        check();
        calls.add("find " + stackId + "/" + containerName);
        return containers.values().stream().map(FakeRuntime::managed)
                .filter(c -> c.ref().stackId().equals(stackId) && c.ref().containerName().equals(containerName))
                .toList();
    }

    @Override
    public boolean hasImage(String image) {
        check();
        return images.contains(image);
    }

    @Override
    public void pullImage(String image, Duration timeout, PullProgress progress) {
        check();
        calls.add("pull " + image);
        if (pullFailure != null) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED, pullFailure);
        }
        images.add(image);
    }

    final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        check();
        volumes.putIfAbsent(name, labels);
    }

    @Override
    public List<String> volumes(Map<String, String> labels) {
        check();
        return volumes.entrySet().stream().filter(v -> v.getValue().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public void removeVolume(String name) {
        check();
        boolean used = containers.values().stream().anyMatch(row -> row.request().mounts().stream()
                .anyMatch(m -> m.type() == Mount.Type.VOLUME && m.source().equals(name)));
        if (used) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.CONFLICT, "volume is in use");
        }
        volumes.remove(name);
    }

    @Override
    public String create(ContainerRequest request, Map<String, String> labels) {
        check();
        calls.add("create " + request.dockerName());
        String id = "id" + nextId++;
        containers.put(id, new Row(id, request, labels, "created", null, false));
        return id;
    }

    @Override
    public void start(String dockerId) {
        check();
        calls.add("start " + dockerId);
        if (startFailure != null) {
            throw new ContainerRuntimeException(ContainerRuntimeException.Kind.FAILED, startFailure);
        }
        containers.computeIfPresent(dockerId, (id, row) -> row.with(statusAfterStart, exitCodeAfterStart, oomAfterStart));
    }

    @Override
    public void stop(String dockerId, Duration grace) {
        check();
        calls.add("stop " + dockerId);
        containers.computeIfPresent(dockerId, (id, row) -> row.with("exited", 143, false));
    }

    @Override
    public void remove(String dockerId, boolean removeVolumes) {
        check();
        calls.add("remove " + dockerId);
        containers.remove(dockerId);
    }

    @Override
    public Optional<ContainerInspection> inspect(String dockerId) {
        check();
        Row row = containers.get(dockerId);
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new ContainerInspection(dockerId, row.dockerStatus(), Health.NONE, row.exitCode(),
                row.oomKilled(), null, row.request().memoryBytes(), null));
    }

    @Override
    public List<String> lastLogLines(String dockerId, int count) {
        return logs;
    }

    private static ManagedContainer managed(Row row) {
        ContainerRef ref = OwnershipLabels.refOf(row.labels()).orElseThrow();
        return new ManagedContainer(ref, row.id(), row.request().dockerName(), row.request().image(),
                row.labels().get(OwnershipLabels.COMMAND), DockerStates.status(row.dockerStatus()), Health.NONE,
                null, row.request().ports(), row.request().cpuCores(), row.request().memoryBytes(),
                row.labels().get(OwnershipLabels.HOST));
    }
}
