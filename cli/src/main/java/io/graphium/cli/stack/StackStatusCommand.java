package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.CliException;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.StackView;
import io.graphium.cli.render.StackReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code graphium stack status ID}: one stack's summary, containers (host, address, state, health), endpoints. */
@Command(name = "status", description = "Show a stack: status, placements, containers and service endpoints.")
public class StackStatusCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "Stack id")
    private String stackId;

    @Override
    public Integer call() {
        ApiResponse<StackView> stack = client().stack(stackId)
                .orElseThrow(() -> new CliException(ExitCode.USAGE, "no stack '" + stackId + "'; "
                        + "list the stacks with: graphium stack ls" + root().serverHint()));
        if (jsonOutput()) {
            out().println(Json.pretty(stack.json()));
        } else {
            new StackReport(out(), context().clock().instant()).status(stack.value());
        }
        return ExitCode.OK;
    }
}
