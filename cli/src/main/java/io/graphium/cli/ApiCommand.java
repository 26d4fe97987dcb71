package io.graphium.cli;

import io.graphium.cli.api.OrchestratorClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that talks to the orchestrator: gives it the client, the output format and the streams the
 * command line was configured with (tests capture them). {@code call()} returns an {@link ExitCode}.
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected GraphiumCli root() {
        return (GraphiumCli) spec.root().userObject();
    }

    protected OrchestratorClient client() {
        return root().client();
    }

    protected CliContext context() {
        return root().context();
    }

    protected boolean jsonOutput() {
        return root().output() == OutputFormat.json;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
