package io.graphium.orchestrator.core;

import java.util.List;

/** The stack itself: it has a name and at least one container. */
final class StackRules implements ValidationRule {

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        if (definition.name() == null || definition.name().isBlank()) {
            problems.add(new Problem("$.name", "name is missing; every stack needs a name"));
        }
        if (definition.containers().isEmpty()) {
            problems.add(new Problem("$.itemListElement", "the stack has no containers; list them in itemListElement"));
        }
    }
}
