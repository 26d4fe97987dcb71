package io.graphium.orchestrator.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Dependencies name other containers of the stack and form no cycle. Problems point at {@code dependsOn}, which also
 * holds what {@code requirements} and {@code softwareRequirements} named.
 */
final class DependencyRules implements ValidationRule {

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        List<ContainerDefinition> containers = definition.containers();
        Set<String> names = containers.stream().map(ContainerDefinition::name).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            String label = ContainerDefinition.label(container.name(), i);
            for (Dependency dependency : container.dependsOn()) {
                if (Objects.equals(dependency.name(), container.name())) {
                    problems.add(new Problem(dependsOn(i), label + " depends on itself"));
                } else if (!names.contains(dependency.name())) {
                    problems.add(new Problem(dependsOn(i), label + " depends on '" + dependency.name()
                            + "', which is not a container of this stack"));
                }
            }
        }
        List<String> order = containers.stream().map(ContainerDefinition::name).toList();
        for (List<String> cycle : new DependencyGraph(definition).cycles()) {
            problems.add(new Problem(dependsOn(order.indexOf(cycle.get(0))), "dependency cycle: "
                    + String.join(" -> ", cycle) + "; none of these containers could ever start"));
        }
    }

    private static String dependsOn(int container) {
        return JsonPaths.container(container) + ".dependsOn";
    }
}
