package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who depends on whom, by container name, in definition order (so every answer is deterministic): finds the cycles
 * that validation reports. The order containers start in is the lifecycle's ({@code ContainerReadiness}).
 */
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
}
