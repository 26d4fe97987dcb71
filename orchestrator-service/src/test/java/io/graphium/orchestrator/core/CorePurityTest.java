package io.graphium.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core stays pure: no framework, messaging, serialization contract or Docker client in it. */
class CorePurityTest {

    private static final Path CORE = Path.of("src/main/java/io/graphium/orchestrator/core");
    private static final List<String> FORBIDDEN = List.of("org.springframework", "org.apache.kafka",
            "org.apache.avro", "io.graphium.events", "com.github.dockerjava");
    private static final String PARSER = "StackDefinitionParser.java";

    @Test
    void noCoreClassImportsSpringKafkaAvroEventsOrDocker() {
        assertThat(sources()).isNotEmpty().allSatisfy(source -> assertThat(imports(source))
                .as(source.toString())
                .noneMatch(imported -> FORBIDDEN.stream().anyMatch(imported::startsWith)));
    }

    @Test
    void onlyTheParserKnowsJackson() {
        assertThat(sources()).filteredOn(source -> !source.getFileName().toString().equals(PARSER))
                .allSatisfy(source -> assertThat(imports(source)).as(source.toString())
                        .noneMatch(imported -> imported.startsWith("tools.jackson")
                                || imported.startsWith("com.fasterxml.jackson")));
    }

    /** Every Java source of the core package and the packages under it. */
    private static List<Path> sources() {
        assertThat(CORE).as("core sources (tests run from the module directory)").isDirectory();
        try (Stream<Path> files = Files.walk(CORE)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imported names, static imports included, plus fully qualified uses written in the code. */
    private static List<String> imports(Path source) {
        try {
            String code = Files.readString(source);
            Stream<String> imports = code.lines().map(String::trim).filter(line -> line.startsWith("import "))
                    .map(line -> line.replaceFirst("^import\\s+(static\\s+)?", "").replace(";", "").trim());
            Stream<String> qualified = FORBIDDEN.stream().filter(code::contains);
            return Stream.concat(imports, qualified).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
