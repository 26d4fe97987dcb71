package io.graphium.cli.api;

import tools.jackson.databind.JsonNode;

/**
 * A parsed answer of the API together with its JSON as received, so {@code --output json} can print exactly what the
 * server said while table output works on typed values.
 */
public record ApiResponse<T>(T value, JsonNode json) {
}
