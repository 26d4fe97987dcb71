package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.api.Submission;
import java.util.List;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * Base of {@code stack stop}, {@code start} and {@code rm}: one request about one stack that the orchestrator accepts
 * (202) and then carries out asynchronously; the command says so and how to follow it. 404 (unknown stack) and 409
 * (not possible in the stack's status) are usage errors with the server's reason.
 */
abstract class StackChangeCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "Stack id")
    protected String stackId;

    /** Sends the request. */
    protected abstract Submission<JsonNode> submit();

    /** What was asked, for "Stop requested for stack shop." */
    protected abstract String requested();

    @Override
    public Integer call() {
        return report(submit(), answer -> List.of(requested() + " for stack " + stackId + ".",
                "Follow it: graphium stack events " + stackId + " --follow" + root().serverHint()));
    }
}
