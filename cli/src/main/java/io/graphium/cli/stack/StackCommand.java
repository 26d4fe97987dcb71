package io.graphium.cli.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code graphium stack}: the group of stack commands. */
@Command(name = "stack", description = "Deploy, inspect, stop, start and remove stacks.",
        subcommands = {StackDeployCommand.class, StackPlanCommand.class, StackListCommand.class,
                StackStatusCommand.class, StackEventsCommand.class, StackStopCommand.class, StackStartCommand.class,
                StackRemoveCommand.class})
public class StackCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
