package io.graphium.cli.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The CLI's one JSON mapper: lenient on input (unknown fields are ignored), indented on output. */
public final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** The JSON as the API returned it, indented for people. */
    public static String pretty(JsonNode json) {
        return MAPPER.writeValueAsString(json);
    }
}
