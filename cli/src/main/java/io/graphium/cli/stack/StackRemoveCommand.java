package io.graphium.cli.stack;

import io.graphium.cli.api.Submission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code graphium stack rm ID [--volumes]}: removes the stack's containers, and with --volumes its named volumes. */
@Command(name = "rm", aliases = "remove",
        description = "Remove a stack: its containers on every host; with --volumes also its named volumes.")
public class StackRemoveCommand extends StackChangeCommand {

    @Option(names = "--volumes", description = "Also remove the stack's named volumes (their data is lost)")
    private boolean volumes;

    @Override
    protected Submission<JsonNode> submit() {
        return client().remove(stackId, volumes);
    }

    @Override
    protected String requested() {
        return volumes ? "Removal (with volumes) requested" : "Removal requested";
    }
}
