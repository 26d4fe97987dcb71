package io.graphium.agent.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaging scripts and system tools the packaging tests check, each with a deadline. */
final class Commands {

    /** The agent's packaging files (tests run in the module directory). */
    static final Path PACKAGING = Path.of("packaging").toAbsolutePath();

    record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    static boolean available(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    /** Runs {@code command}, stdout and stderr together, and returns what it printed (any exit code). */
    static Result run(Duration deadline, List<String> command) {
        try {
            Path out = Files.createTempFile("graphium-packaging", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .start();
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + deadline);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Like {@link #run}, failing with the command's output unless it exits 0. */
    static String succeed(Duration deadline, String... command) {
        Result result = run(deadline, List.of(command));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }
}
