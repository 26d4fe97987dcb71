package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a stack definition and reports every problem at once, each with the JSON path of the field and a sentence
 * naming the field, the container and why. Works on definitions however they arrived (JSON-LD or Avro), so it
 * assumes nothing: missing values are problems, never exceptions.
 */
public final class StackValidator {

    private static final List<ValidationRule> RULES = List.of(
            new StackRules(),         // the stack has a name and containers
            new ContainerRules(),     // each container: name, image, position, variable names, resources, mounts
            new PortRules(),          // port ranges; each published host port once per stack
            new HealthCheckRules(),   // a health check has what its type needs
            new UniquenessRules(),    // container names, positions and variable prefixes differ
            new DependencyRules(),    // dependencies exist, are not the container itself, form no cycle
            new DeploymentRules());   // what the placement strategy needs; host constraints name real containers

    private StackValidator() {
    }

    public static List<Problem> validate(StackDefinition definition) {
        List<Problem> problems = new ArrayList<>();
        RULES.forEach(rule -> rule.check(definition, problems));
        return List.copyOf(problems);
    }
}
