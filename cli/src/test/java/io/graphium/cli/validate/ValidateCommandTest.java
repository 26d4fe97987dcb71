package io.graphium.cli.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Offline: no server is given, and none is needed. */
class ValidateCommandTest {

    /** Tests run from the module directory. */
    private static final Path EXAMPLE = Path.of("../examples/my-app.json");

    @TempDir
    Path dir;

    @Test
    void theRepositorysExampleIsValid() {
        Result result = CliRun.run("validate", EXAMPLE.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(EXAMPLE + ": valid");
    }

    @Test
    void eachProblemIsListedWithItsJsonPath() throws IOException {
        String file = write("bad.json", "{\"name\": \"shop\", \"deployment\": {\"placementStrategy\": \"sprad\"},"
                + "\"itemListElement\": [{\"name\": \"web\", \"ports\": [{\"containerPort\": 70000}]}]}");

        Result result = CliRun.run("validate", file);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines().get(0)).matches(file.replace("\\", "\\\\") + ": \\d+ problem\\(s\\)");
        assertThat(result.errLines()).anyMatch(l -> l.startsWith("  $.deployment.placementStrategy: "))
                .anyMatch(l -> l.startsWith("  $.itemListElement[0].image: "))
                .anyMatch(l -> l.startsWith("  $.itemListElement[0].ports[0].containerPort: "));
    }

    @Test
    void jsonOutputHasAResultPerFile() throws IOException {
        String bad = write("bad.json", "{\"name\": \"shop\", \"itemListElement\": []}");

        Result result = CliRun.run("--output", "json", "validate", EXAMPLE.toString(), bad);

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode results = JsonMapper.shared().readTree(result.out());
        assertThat(results.get(0).get("valid").asBoolean()).isTrue();
        assertThat(results.get(1).get("valid").asBoolean()).isFalse();
        assertThat(results.get(1).get("problems").get(0).get("path").asString()).isEqualTo("$.itemListElement");
    }

    @Test
    void aFileThatIsNotJsonSaysWhere() throws IOException {
        String file = write("broken.json", "{\n  \"name\": \"shop\",,\n}");

        Result result = CliRun.run("validate", file);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: " + file + " is not valid JSON at line 2, column ");
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }
}
