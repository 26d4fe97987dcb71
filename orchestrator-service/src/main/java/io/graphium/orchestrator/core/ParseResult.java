package io.graphium.orchestrator.core;

import java.util.List;

/**
 * What parsing a definition gave.
 *
 * @param definition the definition as far as it could be read; null when the input is not a JSON object at all
 * @param problems   everything found wrong; deploy only when empty
 */
public record ParseResult(StackDefinition definition, List<Problem> problems) {

    public ParseResult {
        problems = Immutable.list(problems);
    }

    public boolean isValid() {
        return definition != null && problems.isEmpty();
    }
}
