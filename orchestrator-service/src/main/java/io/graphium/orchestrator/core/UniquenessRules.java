package io.graphium.orchestrator.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Container names, positions and the variable prefixes derived from names are each used once. */
final class UniquenessRules implements ValidationRule {

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        Map<String, Integer> names = new HashMap<>();
        Map<Integer, String> positions = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        List<ContainerDefinition> containers = definition.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            String path = JsonPaths.container(i);
            String label = ContainerDefinition.label(container.name(), i);
            String name = container.name();
            if (name != null && !name.isBlank()) {
                Integer first = names.putIfAbsent(name, i);
                if (first != null) {
                    problems.add(new Problem(path + ".name", "container name '" + name + "' is also used by "
                            + "itemListElement[" + first + "]; names must be unique within a stack"));
                } else {
                    // my-db and my.db would both get MY_DB_ENDPOINT, and one would silently hide the other.
                    String other = prefixes.putIfAbsent(EnvNames.prefixOf(name), name);
                    if (other != null) {
                        problems.add(new Problem(path + ".name", label + " and container '" + other + "' would both "
                                + "get variables named " + EnvNames.prefixOf(name) + "_ENDPOINT; rename one"));
                    }
                }
            }
            if (container.position() != null) {
                String first = positions.putIfAbsent(container.position(), label);
                if (first != null) {
                    problems.add(new Problem(path + ".position", label + ": position " + container.position()
                            + " is also used by " + first + "; positions must be unique"));
                }
            }
        }
    }
}
