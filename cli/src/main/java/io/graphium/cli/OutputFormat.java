package io.graphium.cli;

/** {@code --output}: tables for people, the API's JSON for scripts. */
public enum OutputFormat {
    table, json
}
