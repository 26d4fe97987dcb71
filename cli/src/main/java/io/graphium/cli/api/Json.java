package io.graphium.cli.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The CLI's one JSON mapper: lenient on input (unknown fields are ignored, missing numbers are 0), indented on output. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** On one line, e.g. for one JSON object per line. */
    public static String compact(JsonNode json) {
        return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    }

    /** The JSON as the API returned it, indented for people. */
    public static String pretty(JsonNode json) {
        return MAPPER.writeValueAsString(json);
    }
}
