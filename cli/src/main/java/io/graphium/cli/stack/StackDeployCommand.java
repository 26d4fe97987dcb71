package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.CliException;
import io.graphium.cli.DurationConverter;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.DeployOutcome;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.Problem;
import io.graphium.cli.api.StackView;
import io.graphium.cli.render.ContainerRow;
import io.graphium.cli.render.DeployProgressRenderer;
import io.graphium.cli.render.StackReport;
import io.graphium.cli.render.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graphium stack deploy FILE}: submits a stack definition and, with {@code --wait}, follows it to the end. */
@Command(name = "deploy", sortOptions = true,
        description = {"Deploy a stack definition (JSON-LD).",
                "With --wait, show each container's host and state until the stack is RUNNING or FAILED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:accepted; with --wait: the stack is RUNNING",
                "1:the stack FAILED (its error is printed)",
                "2:usage error, unreadable file, invalid definition, stack already deployed",
                "3:--wait timed out",
                "4:orchestrator unreachable or unexpected answer"})
public class StackDeployCommand extends ApiCommand {

    @Parameters(paramLabel = "FILE", description = "Stack definition file (JSON-LD)")
    private Path file;

    @Option(names = "--stack-id", paramLabel = "ID",
            description = "Deploy under this id instead of one derived from the stack's name")
    private String stackId;

    @Option(names = "--wait", description = "Follow the deployment until the stack is RUNNING or FAILED")
    private boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long --wait waits, e.g. 90s, 5m, 1h; default: ${DEFAULT-VALUE}")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        DeployOutcome outcome = client().deploy(readDefinition(), stackId);
        if (outcome instanceof DeployOutcome.Rejected rejected) {
            return reject(rejected);
        }
        DeployOutcome.Accepted accepted = (DeployOutcome.Accepted) outcome;
        StackView stack = accepted.stack();
        if (!jsonOutput()) {
            out().println("Accepted stack " + stack.stackId() + " (deployment " + stack.deploymentId() + ").");
        }
        if (!wait) {
            if (jsonOutput()) {
                out().println(Json.pretty(accepted.json()));
            } else {
                out().println("Follow it: " + statusCommand(stack));
            }
            return ExitCode.OK;
        }
        return follow(new ApiResponse<>(stack, accepted.json()));
    }

    private String readDefinition() {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** 400 (each problem on its own line, with its JSON path) or 409 (the server says why). */
    private int reject(DeployOutcome.Rejected rejected) {
        Problem problem = rejected.problem();
        if (jsonOutput()) {
            out().println(Json.pretty(rejected.json()));
        }
        String title = problem.title() != null ? problem.title() : "rejected with HTTP " + problem.status();
        err().println("error: " + title + (problem.detail() == null ? "" : ": " + problem.detail()));
        problem.problems().forEach(p -> err().println("  " + p.path() + ": " + p.message()));
        err().flush();
        return ExitCode.USAGE;
    }

    private int follow(ApiResponse<StackView> accepted) throws InterruptedException {
        StackWatcher watcher = new StackWatcher(client(), context().pollInterval());
        StackWatcher.Outcome outcome;
        if (jsonOutput()) {
            outcome = watcher.await(accepted, timeout, stack -> { });
            out().println(Json.pretty(outcome.last().json()));
        } else {
            DeployProgressRenderer progress = new DeployProgressRenderer(out(), context().ansi(), context().clock());
            progress.update(accepted.value());
            outcome = watcher.await(accepted, timeout, progress::update);
        }
        StackView stack = outcome.last().value();
        if (outcome.timedOut()) {
            err().println("error: timed out after " + TimeFormat.duration(timeout) + " waiting for stack "
                    + stack.stackId() + " to run; it is " + stack.status());
            printQueryHint(stack);
            return ExitCode.TIMEOUT;
        }
        if (!jsonOutput()) {
            printResult(stack);
        }
        if ("RUNNING".equals(stack.status())) {
            return ExitCode.OK;
        }
        err().println("error: stack " + stack.stackId() + " is " + stack.status() + ", not RUNNING"
                + (stack.error() == null ? "" : ": " + stack.error()));
        ContainerRow.of(stack).stream().filter(ContainerRow::hasProblem)
                .forEach(c -> err().println("  " + c.name() + ": " + c.message()));
        return ExitCode.STACK_FAILED;
    }

    private void printResult(StackView stack) {
        StackReport report = new StackReport(out(), context().clock().instant());
        out().println();
        if ("RUNNING".equals(stack.status())) {
            out().println("Stack " + stack.stackId() + " is RUNNING.");
        }
        if (!stack.placements().isEmpty()) {
            report.placements(stack);
        }
        report.endpoints(stack);
        printQueryHint(stack);
    }

    private void printQueryHint(StackView stack) {
        if (!jsonOutput()) {
            out().println("Query it: " + statusCommand(stack));
        }
        out().flush();
        err().flush();
    }

    private String statusCommand(StackView stack) {
        return "graphium stack status " + stack.stackId() + root().serverHint();
    }
}
