package io.graphium.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's {@code infra/bin} scripts, which are the single implementation of starting and
 * stopping the broker, the registry and the Docker testbed; the Java classes of this module only call them.
 */
public final class InfraScript {

    private InfraScript() {
    }

    /** What a finished script printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The last non-blank line of stdout: scripts print their machine-readable answer there. */
        public String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /** The repository root: the nearest ancestor of the working directory that holds {@code infra/bin}. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("graphium.repo");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("infra/bin"))) {
                return p;
            }
        }
        throw new IllegalStateException("no infra/bin found above " + dir + "; set -Dgraphium.repo=<repository root>");
    }

    /** Runs {@code infra/bin/<script> args...}; fails with the script's own output if it exits non-zero. */
    public static Result run(Duration deadline, String script, String... args) {
        Result result = runAllowingFailure(deadline, script, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("infra/bin/" + script + " " + String.join(" ", args) + " exited with "
                    + result.exitCode() + ":\n" + result.stderr() + result.stdout());
        }
        return result;
    }

    /** Runs {@code infra/bin/<script> args...} and returns whatever it answered. */
    public static Result runAllowingFailure(Duration deadline, String script, String... args) {
        Path root = repositoryRoot();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("infra/bin").resolve(script).toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("graphium-" + script, ".out");
            Path err = Files.createTempFile("graphium-" + script, ".err");
            try {
                Process process = new ProcessBuilder(command).directory(root.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + deadline
                            + ":\n" + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
