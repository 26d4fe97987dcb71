package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.DurationConverter;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.StackView;
import io.graphium.cli.api.Submission;
import io.graphium.cli.render.ContainerRow;
import io.graphium.cli.render.DeployProgressRenderer;
import io.graphium.cli.render.StackReport;
import io.graphium.cli.render.TimeFormat;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Mixin
    private DefinitionOptions definition;

    @Option(names = "--wait", description = "Follow the deployment until the stack is RUNNING or FAILED")
    private boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long --wait waits, e.g. 90s, 5m, 1h; default: the deadline and 30 s more")
    private Duration timeout;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The deployment fails unless RUNNING within this time, e.g. 10m; default: 5m")
    private Duration deadline;

    @Option(names = "--no-rollback", description = "When the deployment fails, keep the containers it started "
            + "(to look at them) instead of removing them")
    private boolean noRollback;

    /** What the orchestrator applies when no deadline is asked for. */
    private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

    @Override
    public Integer call() throws InterruptedException {
        if (timeout == null) {
            timeout = (deadline == null ? DEFAULT_DEADLINE : deadline).plusSeconds(30);
        }
        Submission<StackView> outcome = client().deploy(definition.definition(), definition.stackId(), deadline,
                !noRollback);
        if (outcome instanceof Submission.Rejected<StackView> rejected) {
            return rejected(rejected);
        }
        Submission.Accepted<StackView> accepted = (Submission.Accepted<StackView>) outcome;
        StackView stack = accepted.value();
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

    private int follow(ApiResponse<StackView> accepted) throws InterruptedException {
        DeploymentFollower follower = new DeploymentFollower(client());
        DeploymentFollower.Outcome outcome;
        if (jsonOutput()) {
            outcome = follower.await(accepted, timeout, stack -> { });
            out().println(Json.pretty(outcome.last().json()));
        } else {
            DeployProgressRenderer progress = new DeployProgressRenderer(out(), context().ansi(), context().clock());
            progress.update(accepted.value());
            outcome = follower.await(accepted, timeout, progress::update);
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
