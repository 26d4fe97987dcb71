package io.graphium.cli.api;

import tools.jackson.databind.JsonNode;

/**
 * What the orchestrator answered to a request that changes something (deploy, plan, stop, start, remove, host writes):
 * accepted with a body, or rejected with a problem the user can act on (400 with the problems and their JSON paths,
 * 404, 409). Anything else is an {@link ApiException}.
 */
public sealed interface Submission<T> {

    JsonNode json();

    record Accepted<T>(T value, JsonNode json) implements Submission<T> {
    }

    record Rejected<T>(Problem problem, JsonNode json) implements Submission<T> {
    }
}
