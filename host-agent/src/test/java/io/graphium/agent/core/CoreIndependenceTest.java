package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core stays pure: no Spring, Kafka, Avro, event contracts or docker-java; those are edges. */
class CoreIndependenceTest {

    static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(org\\.springframework|org\\.apache\\.kafka|org\\.apache\\.avro|"
                    + "io\\.graphium\\.events|io\\.graphium\\.kafka|com\\.github\\.dockerjava)\\b.*", Pattern.MULTILINE);

    @Test
    void coreImportsNoFrameworkOrContract() throws IOException {
        Path core = Path.of("src/main/java/io/graphium/agent/core");
        List<String> offenders;
        try (Stream<Path> files = Files.list(core)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return FORBIDDEN.matcher(Files.readString(f)).results()
                            .map(m -> f.getFileName() + ": " + m.group());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        assertThat(offenders).isEmpty();
        try (Stream<Path> files = Files.list(core)) {
            assertThat(files.count()).as("core sources found").isGreaterThan(10);
        }
    }
}
