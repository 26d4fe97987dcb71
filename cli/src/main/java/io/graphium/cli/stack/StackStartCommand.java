package io.graphium.cli.stack;

import io.graphium.cli.api.Submission;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code graphium stack start ID}: starts a stopped stack's containers again, in dependency order. */
@Command(name = "start", description = "Start a stopped stack's containers again, in dependency order.")
public class StackStartCommand extends StackChangeCommand {

    @Override
    protected Submission<JsonNode> submit() {
        return client().start(stackId);
    }

    @Override
    protected String requested() {
        return "Start requested";
    }
}
