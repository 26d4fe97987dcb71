package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Who depends on whom, by container name, in definition order (so every answer is deterministic). */
final class DependencyGraph {

    private final Map<String, List<String>> dependencies = new LinkedHashMap<>();

    DependencyGraph(StackDefinition definition) {
        for (ContainerDefinition container : definition.containers()) {
            if (container.name() != null) {
                dependencies.putIfAbsent(container.name(),
                        container.dependsOn().stream().map(Dependency::name).toList());
            }
        }
    }

    /**
     * Every cycle found, once each, written {@code [api, db, api]} from the member defined first. Self-dependencies
     * and unknown containers are left to their own rules.
     */
    List<List<String>> cycles() {
        Set<List<String>> cycles = new LinkedHashSet<>();
        Set<String> explored = new HashSet<>();
        for (String container : dependencies.keySet()) {
            explore(container, new ArrayList<>(), explored, cycles);
        }
        return List.copyOf(cycles);
    }

    /** Depth-first; meeting a container already on the current path closes a cycle. */
    private void explore(String container, List<String> path, Set<String> explored, Set<List<String>> cycles) {
        int onPath = path.indexOf(container);
        if (onPath >= 0) {
            cycles.add(fromFirstDefined(path.subList(onPath, path.size())));
            return;
        }
        if (explored.contains(container) || !dependencies.containsKey(container)) {
            return;
        }
        path.add(container);
        for (String dependency : dependencies.get(container)) {
            if (!dependency.equals(container)) {
                explore(dependency, path, explored, cycles);
            }
        }
        path.remove(path.size() - 1);
        explored.add(container);
    }

    private List<String> fromFirstDefined(List<String> members) {
        List<String> order = new ArrayList<>(dependencies.keySet());
        String first = members.stream().min((a, b) -> order.indexOf(a) - order.indexOf(b)).orElseThrow();
        List<String> cycle = new ArrayList<>(members);
        Collections.rotate(cycle, -cycle.indexOf(first));
        cycle.add(first);
        return List.copyOf(cycle);
    }

    /**
     * Containers grouped by when they may start: each wave only after all earlier ones. Throws
     * {@link IllegalArgumentException} for an unknown dependency or a cycle; validated definitions have neither.
     */
    List<List<String>> waves() {
        dependencies.forEach((container, needs) -> needs.stream().filter(need -> !dependencies.containsKey(need))
                .findFirst().ifPresent(unknown -> {
                    throw new IllegalArgumentException(
                            "container '" + container + "' depends on unknown container '" + unknown + "'");
                }));
        List<List<String>> waves = new ArrayList<>();
        Set<String> started = new HashSet<>();
        while (started.size() < dependencies.size()) {
            List<String> wave = dependencies.entrySet().stream()
                    .filter(entry -> !started.contains(entry.getKey()) && started.containsAll(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (wave.isEmpty()) {
                throw new IllegalArgumentException("some containers can never start: " + blocked());
            }
            waves.add(wave);
            started.addAll(wave);
        }
        return waves;
    }

    private String blocked() {
        Stream<String> cycles = cycles().stream().map(cycle -> "dependency cycle: " + String.join(" -> ", cycle));
        Stream<String> selfDependent = dependencies.entrySet().stream()
                .filter(entry -> entry.getValue().contains(entry.getKey()))
                .map(entry -> entry.getKey() + " depends on itself");
        return Stream.concat(cycles, selfDependent).collect(Collectors.joining("; "));
    }
}
