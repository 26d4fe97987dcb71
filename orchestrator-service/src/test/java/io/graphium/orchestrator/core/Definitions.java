package io.graphium.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test inputs: definition files, and compact JSON written with single quotes so that cases fit on a line. */
final class Definitions {

    private Definitions() {
    }

    /** {@code {'name':'web'}} becomes {@code {"name":"web"}}. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A stack named "shop" with these containers (single-quoted JSON objects). */
    static String stack(String... containers) {
        return stackWith("", containers);
    }

    /** A stack named "shop" with extra top-level fields (e.g. "'location':'eu','deployment':{...}"). */
    static String stackWith(String fields, String... containers) {
        return json("{'name':'shop'," + (fields.isEmpty() ? "" : fields + ",") + "'itemListElement':["
                + String.join(",", containers) + "]}");
    }

    /** A definition file under src/test/resources/definitions. */
    static String file(String name) {
        try (InputStream in = Definitions.class.getResourceAsStream("/definitions/" + name)) {
            assertThat(in).as("definition file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses input that must be readable without any parse problem. */
    static StackDefinition parsed(String json) {
        ParseResult result = StackDefinitionParser.parse(json);
        assertThat(result.problems()).as("parse problems").isEmpty();
        return result.definition();
    }
}
