package io.graphium.cli.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code graphium stack}: the group of stack commands. Issue 7's plan/stop/start/rm/events go in here. */
@Command(name = "stack", description = "Deploy and inspect stacks.",
        subcommands = {StackDeployCommand.class, StackStatusCommand.class, StackListCommand.class})
public class StackCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
