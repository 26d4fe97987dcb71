package io.graphium.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's decisions about the extracted jar and the class-data archive, with a stand-in for java that records
 * how it was called (a real JVM run is in the measurements of docs/operations.md): extract once per jar, write the
 * archive on the first run, use it only after a JVM could open it.
 */
class LauncherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Extracts like {@code -Djarmode=tools extract}; accepts an archive unless its content is "broken". */
    private static final String JAVA = """
            #!/bin/sh
            echo "$*" >>"$CALLS"
            case "$*" in
                *-Djarmode=tools*) mkdir -p "$6" && touch "$6/graphium-agent.jar" ;;
                *-Xshare:on*) archive="${3#-XX:SharedArchiveFile=}"; [ "$(cat "$archive")" != broken ] ;;
            esac
            """;

    @TempDir
    Path dir;
    private Path lib;
    private Path state;
    private Path calls;

    @BeforeEach
    void installedLauncher() throws IOException {
        lib = Files.createDirectories(dir.resolve("lib"));
        state = Files.createDirectories(dir.resolve("state"));
        calls = dir.resolve("calls");
        Files.copy(Commands.PACKAGING.resolve("graphium-agent"), lib.resolve("graphium-agent"));
        Files.copy(Commands.PACKAGING.resolve("jvm.options"), lib.resolve("jvm.options"));
        Files.writeString(lib.resolve("graphium-agent.jar"), "jar 1");
        Path java = Files.writeString(dir.resolve("java"), JAVA);
        java.toFile().setExecutable(true);
    }

    @Test
    void firstRunExtractsTheJarAndWritesTheArchiveAtExit() throws IOException {
        List<String> calls = launch("--spring.config.additional-location=file:/etc/graphium/agent.properties");

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).contains("-Djarmode=tools -jar " + lib.resolve("graphium-agent.jar") + " extract");
        assertThat(calls.get(1)).startsWith("@" + lib.resolve("jvm.options"))
                .contains("-XX:ArchiveClassesAtExit=" + state.resolve("agent.jsa.new"))
                .endsWith("-jar " + state.resolve("app/graphium-agent.jar")
                        + " --spring.config.additional-location=file:/etc/graphium/agent.properties");
    }

    @Test
    void aWrittenArchiveIsCheckedOnceAndThenUsed() throws IOException {
        launch();
        Files.writeString(state.resolve("agent.jsa.new"), "archive");

        List<String> second = launch();
        assertThat(second.get(0)).contains("-Xshare:on");
        assertThat(second.get(1)).contains("-XX:SharedArchiveFile=" + state.resolve("agent.jsa"));
        assertThat(state.resolve("agent.jsa")).exists();

        List<String> third = launch();
        assertThat(third).singleElement().asString().contains("-XX:SharedArchiveFile=" + state.resolve("agent.jsa"));
    }

    @Test
    void aBrokenArchiveIsDroppedAndWrittenAgain() throws IOException {
        launch();
        Files.writeString(state.resolve("agent.jsa.new"), "broken");

        List<String> next = launch();
        assertThat(next.get(1)).contains("-XX:ArchiveClassesAtExit=" + state.resolve("agent.jsa.new"));
        assertThat(state.resolve("agent.jsa.new")).doesNotExist();
        assertThat(state.resolve("agent.jsa")).doesNotExist();
    }

    @Test
    void anUpgradedJarIsExtractedAgainAndGetsANewArchive() throws IOException {
        launch();
        Files.writeString(state.resolve("agent.jsa"), "archive of jar 1");
        Files.writeString(lib.resolve("graphium-agent.jar"), "jar 2, longer");

        List<String> afterUpgrade = launch();
        assertThat(afterUpgrade.get(0)).contains("extract");
        assertThat(afterUpgrade.get(1)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(state.resolve("agent.jsa")).doesNotExist();
    }

    /** Runs the launcher and returns the java command lines it ran, one per call. */
    private List<String> launch(String... args) throws IOException {
        Files.deleteIfExists(calls);
        List<String> command = new java.util.ArrayList<>(List.of("env", "GRAPHIUM_JAVA=" + dir.resolve("java"),
                "STATE_DIRECTORY=" + state, "CALLS=" + calls, lib.resolve("graphium-agent").toString()));
        command.addAll(List.of(args));
        Commands.Result result = Commands.run(DEADLINE, command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return Files.readAllLines(calls);
    }
}
