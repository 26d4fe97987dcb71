package io.graphium.placement.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The placement core stays pure: no Spring, Kafka, Avro, event contracts or Docker. A plain scan of its sources,
 * so the rule needs no extra library.
 */
class PureCoreTest {

    static final Path CORE = Path.of("src/main/java/io/graphium/placement/core");
    static final List<String> FORBIDDEN = List.of("org.springframework", "org.apache.kafka", "org.apache.avro",
            "io.graphium.events", "io.graphium.kafka", "io.apicurio", "com.github.dockerjava", "jakarta.",
            "io.graphium.placement.kafka");
    static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    // Fully qualified uses in code, not only imports.
    static final Pattern QUALIFIED = Pattern.compile("\\b(org\\.springframework|org\\.apache\\.(?:kafka|avro)"
            + "|io\\.graphium\\.(?:events|kafka)|com\\.github\\.dockerjava)\\.");

    @Test
    void coreImportsNothingFromTheEdges() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(CORE)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("core sources found").hasSizeGreaterThan(20);
        for (Path source : sources) {
            String text = Files.readString(source);
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                String imported = imports.group(1);
                assertThat(FORBIDDEN).as(source + " imports " + imported).noneMatch(imported::startsWith);
            }
            assertThat(QUALIFIED.matcher(text).find()).as(source + " names an edge type in full").isFalse();
        }
    }
}
