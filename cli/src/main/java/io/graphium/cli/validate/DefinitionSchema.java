package io.graphium.cli.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The stack definition's JSON Schema ({@code schemas/src/main/json/stack-definition.schema.json}, packaged into the
 * CLI by its build), so {@code graphium validate} works without a server. Problems carry JSON paths in the server's
 * form ({@code $.itemListElement[0].image}). The schema checks each field; rules across fields (dependency cycles,
 * the same host port twice...) are the orchestrator's, checked by {@code stack plan} and {@code stack deploy}.
 */
public final class DefinitionSchema {

    static final String RESOURCE = "/schemas/stack-definition.schema.json";

    private final Schema schema;

    private DefinitionSchema(Schema schema) {
        this.schema = schema;
    }

    /** The packaged schema. */
    public static DefinitionSchema load() {
        try (InputStream in = DefinitionSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the CLI jar has no " + RESOURCE + "; rebuild it");
            }
            JsonNode node = Json.MAPPER.readTree(in);
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(config));
            return new DefinitionSchema(registry.getSchema(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of the definition, in document order of their paths; empty when it is valid. */
    public List<Problem.Item> validate(JsonNode definition) {
        return schema.validate(definition).stream().map(DefinitionSchema::item)
                .sorted(Comparator.comparing(Problem.Item::path)).distinct().toList();
    }

    private static Problem.Item item(Error error) {
        String path = error.getInstanceLocation().toString();
        String message = error.getMessage();
        // the validator's messages start with the path they are about; it is printed separately
        if (message.startsWith(path + ": ")) {
            message = message.substring(path.length() + 2);
        }
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            path = path + "." + error.getProperty();
        }
        return new Problem.Item(path, message);
    }
}
