package io.graphium.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process as a user would type it, with stdout and stderr captured. */
public final class CliRun {

    /** "Now" for every test: two hours after the canned stacks were requested. */
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final Duration FAST_RECONNECT = Duration.ofMillis(10);

    public record Result(int exitCode, String out, String err) {

        public List<String> outLines() {
            return out.lines().toList();
        }

        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    private CliRun() {
    }

    public static Result run(String... args) {
        return run(new CliContext(false, Clock.fixed(NOW, ZoneOffset.UTC), FAST_RECONNECT), args);
    }

    /** Runs against the fake orchestrator: {@code --server} is added at the end. */
    public static Result run(FakeOrchestrator orchestrator, String... args) {
        String[] line = new String[args.length + 2];
        System.arraycopy(args, 0, line, 0, args.length);
        line[args.length] = "--server";
        line[args.length + 1] = orchestrator.url();
        return run(line);
    }

    public static Result run(CliContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = GraphiumCli.commandLine(context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
