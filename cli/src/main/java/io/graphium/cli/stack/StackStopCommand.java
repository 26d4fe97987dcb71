package io.graphium.cli.stack;

import io.graphium.cli.api.Submission;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code graphium stack stop ID}: stops the stack's containers and keeps them (and their volumes). */
@Command(name = "stop", description = "Stop a stack's containers; they stay on their hosts for `stack start`.")
public class StackStopCommand extends StackChangeCommand {

    @Override
    protected Submission<JsonNode> submit() {
        return client().stop(stackId);
    }

    @Override
    protected String requested() {
        return "Stop requested";
    }
}
