package io.graphium.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema of the stack definition format ({@code schemas/src/main/json/stack-definition.schema.json}) accepts
 * every example definition, rejects obviously wrong ones, and describes exactly the fields the parser knows: adding a
 * field to a reader without the schema (or the reverse) fails here, naming the field.
 */
class StackDefinitionSchemaTest {

    /** Tests run from the module directory. */
    private static final Path SCHEMA = Path.of("../schemas/src/main/json/stack-definition.schema.json");
    private static final List<Path> EXAMPLE_DIRS = List.of(Path.of("src/test/resources/definitions"),
            Path.of("../examples"));

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNode SCHEMA_NODE = read(SCHEMA);
    private static final Schema VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA_NODE);

    static Stream<Path> examples() {
        List<Path> files = new ArrayList<>();
        for (Path dir : EXAMPLE_DIRS) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(file -> file.toString().endsWith(".json")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(files).as("example definitions").hasSizeGreaterThanOrEqualTo(2);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleDefinitionValidates(Path example) {
        assertThat(VALIDATOR.validate(read(example))).as(example.toString()).isEmpty();
    }

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                Arguments.of("unknown placement strategy", Definitions.stackWith(
                        "'deployment':{'placementStrategy':'sprad'}", "{'name':'web','image':'nginx'}"),
                        "placementStrategy"),
                Arguments.of("containerPort out of range", Definitions.stack(
                        "{'name':'web','image':'nginx','ports':[{'containerPort':70000}]}"), "containerPort"),
                Arguments.of("hostPort out of range", Definitions.stack(
                        "{'name':'web','image':'nginx','ports':[{'containerPort':80,'hostPort':-1}]}"), "hostPort"),
                Arguments.of("missing image", Definitions.stack("{'name':'web'}"), "image"),
                Arguments.of("unknown restart policy", Definitions.stack(
                        "{'name':'web','image':'nginx','restartPolicy':'sometimes'}"), "restartPolicy"),
                Arguments.of("bad environment variable name", Definitions.stack(
                        "{'name':'web','image':'nginx','environment':{'1ST-VAR':'x'}}"), "1ST-VAR"),
                Arguments.of("bad container name", Definitions.stack("{'name':'-web','image':'nginx'}"), "name"),
                Arguments.of("no containers", Definitions.json("{'name':'shop','itemListElement':[]}"),
                        "itemListElement"),
                Arguments.of("bad memory unit", Definitions.stack(
                        "{'name':'web','image':'nginx','resources':{'memory':'512m'}}"), "memory"),
                Arguments.of("datacenter without location", Definitions.stackWith(
                        "'deployment':{'placementStrategy':'datacenter'}", "{'name':'web','image':'nginx'}"),
                        "location"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void invalidDefinitionIsRejectedBySchemaAndParser(String why, String json, String mentioned) {
        List<Error> errors = VALIDATOR.validate(MAPPER.readTree(json));
        assertThat(errors).as(why).isNotEmpty();
        assertThat(errors.toString()).as(why).contains(mentioned);
        assertThat(StackDefinitionParser.parseAndValidate(json).problems()).as(why + ": the parser agrees")
                .isNotEmpty();
    }

    /** Each object the parser reads: where its known fields are declared, and where the schema describes it. */
    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of("stack", StackReader.class, "FIELDS", "/properties"),
                Arguments.of("deployment", StackReader.class, "DEPLOYMENT_FIELDS", "/$defs/deployment/properties"),
                Arguments.of("host constraint", StackReader.class, "CONSTRAINT_FIELDS",
                        "/$defs/hostConstraint/properties"),
                Arguments.of("volume", StackReader.class, "VOLUME_FIELDS", "/$defs/volume/oneOf/1/properties"),
                Arguments.of("container", ContainerReader.class, "FIELDS", "/$defs/container/properties"),
                Arguments.of("port", ContainerReader.class, "PORT_FIELDS", "/$defs/port/properties"),
                Arguments.of("environment value", ContainerReader.class, "SECRET_FIELDS",
                        "/$defs/envValue/oneOf/1/properties"),
                Arguments.of("volume mount", ContainerReader.class, "MOUNT_FIELDS", "/$defs/volumeMount/properties"),
                Arguments.of("dependency", ContainerReader.class, "DEPENDENCY_FIELDS",
                        "/$defs/dependency/oneOf/1/properties"),
                Arguments.of("resources", ContainerReader.class, "RESOURCE_FIELDS", "/$defs/resources/properties"),
                Arguments.of("health check", HealthCheckReader.class, "FIELDS", "/$defs/healthCheck/properties"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void schemaDescribesExactlyTheFieldsTheParserKnows(String level, Class<?> reader, String constant,
                                                        String pointer) {
        Set<String> parser = parserFields(reader, constant);
        Set<String> schema = schemaProperties(pointer);
        Set<String> notInSchema = new TreeSet<>(parser);
        notInSchema.removeAll(schema);
        Set<String> notInParser = new TreeSet<>(schema);
        notInParser.removeAll(parser);
        assertThat(notInSchema).as("%s fields %s reads (%s.%s) but the schema does not describe at %s", level,
                reader.getSimpleName(), reader.getSimpleName(), constant, pointer).isEmpty();
        assertThat(notInParser).as("%s fields the schema describes at %s but %s.%s does not know", level, pointer,
                reader.getSimpleName(), constant).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void everyFieldHasADescription(String level, Class<?> reader, String constant, String pointer) {
        schemaNode(pointer).properties().forEach(property -> {
            JsonNode node = property.getValue();
            JsonNode described = node.has("description") || !node.has("$ref") ? node
                    : schemaNode(node.get("$ref").asString().substring(1));
            assertThat(described.path("description").asString(""))
                    .as("description of %s field '%s'", level, property.getKey()).isNotBlank();
        });
    }

    @Test
    void schemaIsDraft2020WithAnId() {
        assertThat(SCHEMA_NODE.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SCHEMA_NODE.get("$id").asString())
                .isEqualTo("https://graphium.io/schemas/stack-definition.schema.json");
    }

    /** The reader's private set of known field names, read by reflection so that it stays the one declaration. */
    @SuppressWarnings("unchecked")
    private static Set<String> parserFields(Class<?> reader, String constant) {
        try {
            Field field = reader.getDeclaredField(constant);
            field.setAccessible(true);
            return (Set<String>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(reader.getSimpleName() + "." + constant + " is gone; update this test to "
                    + "where the reader now declares its field names", e);
        }
    }

    private static Set<String> schemaProperties(String pointer) {
        Set<String> names = new TreeSet<>();
        schemaNode(pointer).propertyNames().forEach(names::add);
        return names;
    }

    private static JsonNode schemaNode(String pointer) {
        JsonNode node = SCHEMA_NODE.at(pointer);
        assertThat(node.isObject()).as("schema has an object at " + pointer).isTrue();
        return node;
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
