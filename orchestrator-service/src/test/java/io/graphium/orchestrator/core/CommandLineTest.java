package io.graphium.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CommandLineTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                argumentSet("words", "redis-server --appendonly yes", List.of("redis-server", "--appendonly", "yes")),
                argumentSet("extra whitespace", "  a \t b  ", List.of("a", "b")),
                argumentSet("single quotes keep everything", "sh -c 'echo \"$HOME\" \\n'",
                        List.of("sh", "-c", "echo \"$HOME\" \\n")),
                argumentSet("double quotes allow escapes", "echo \"say \\\"hi\\\" \\\\ \\n\"",
                        List.of("echo", "say \"hi\" \\ \\n")),
                argumentSet("empty argument", "redis-server --save ''", List.of("redis-server", "--save", "")),
                argumentSet("quotes inside a word", "--name=\"my app\"x", List.of("--name=my appx")),
                argumentSet("escaped space", "ls my\\ dir", List.of("ls", "my dir")),
                argumentSet("nothing", "   ", List.of()));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void splitsLikeAShell(String command, List<String> arguments) {
        assertThat(CommandLine.split(command)).isEqualTo(arguments);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"echo 'hi | single", "echo \"hi | double", "echo \"hi\\\" | double"})
    void refusesOpenQuotes(String command, String quote) {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split(command))
                .withMessage("has an unclosed " + quote + " quote");
    }
}
