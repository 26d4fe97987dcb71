package io.graphium.cli.api;

import tools.jackson.databind.JsonNode;

/** What {@code POST /api/v1/stacks} answered: accepted (202) or rejected with a problem (400, 409). */
public sealed interface DeployOutcome {

    JsonNode json();

    record Accepted(StackView stack, JsonNode json) implements DeployOutcome {
    }

    record Rejected(Problem problem, JsonNode json) implements DeployOutcome {
    }
}
