package io.graphium.orchestrator.core;

import java.util.regex.Pattern;

/** JSON paths into a definition as problems report them: {@code $.itemListElement[2].environment['MY-VAR']}. */
final class JsonPaths {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    /** Dot notation for identifier-like keys, bracket notation for the rest ("@type", "MY-VAR"). */
    static String field(String parent, String key) {
        return PLAIN_KEY.matcher(key).matches() ? parent + "." + key
                : parent + "['" + key.replace("'", "\\'") + "']";
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String container(int index) {
        return element("$.itemListElement", index);
    }

    static String constraint(int index) {
        return element("$.deployment.hostConstraints", index);
    }
}
