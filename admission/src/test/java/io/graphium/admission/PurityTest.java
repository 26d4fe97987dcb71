package io.graphium.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policy stays pure Java, so the orchestrator and the agent apply exactly the same rules: no framework here. */
class PurityTest {

    static final Pattern FORBIDDEN = Pattern.compile("^import\\s+(static\\s+)?(org\\.springframework|org\\.apache\\."
            + "kafka|org\\.apache\\.avro|io\\.graphium\\.events|io\\.graphium\\.kafka|com\\.github\\.dockerjava|"
            + "tools\\.jackson|com\\.fasterxml)\\b.*", Pattern.MULTILINE);

    @Test
    void importsNoFrameworkOrContract() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return FORBIDDEN.matcher(Files.readString(f)).results().map(m -> f.getFileName() + ": " + m.group());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        assertThat(offenders).isEmpty();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).count()).as("sources found").isGreaterThan(5);
        }
    }
}
