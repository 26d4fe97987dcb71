package io.graphium.cli.host;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code graphium host}: the group of host inventory commands. */
@Command(name = "host", description = "List, register and take hosts in and out of service.",
        subcommands = {HostListCommand.class, HostRegisterCommand.class, HostSetStatusCommand.class})
public class HostCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
