package io.graphium.cli;

import io.graphium.cli.api.Json;
import io.graphium.cli.api.OrchestratorClient;
import io.graphium.cli.api.Problem;
import io.graphium.cli.api.Submission;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

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

    /**
     * Reports the answer to a write: when accepted, the server's JSON with {@code --output json} (or {@code {}} when it
     * sent no body), else the lines {@code describe} makes of it; when rejected, as {@link #rejected}.
     */
    protected int report(Submission<JsonNode> outcome, Function<JsonNode, List<String>> describe) {
        if (outcome instanceof Submission.Rejected<JsonNode> rejected) {
            return rejected(rejected);
        }
        if (jsonOutput()) {
            out().println(outcome.json().isMissingNode() ? "{}" : Json.pretty(outcome.json()));
        } else {
            describe.apply(outcome.json()).forEach(out()::println);
        }
        return ExitCode.OK;
    }

    /**
     * Reports a rejection the user can act on: the server's body as is with {@code --output json}, and always the
     * summary plus each problem on its own line, with its JSON path, on stderr. A rejection is a usage error.
     */
    protected int rejected(Submission.Rejected<?> rejected) {
        Problem problem = rejected.problem();
        if (jsonOutput() && !rejected.json().isMissingNode()) {
            out().println(Json.pretty(rejected.json()));
        }
        err().println("error: " + problem.summary());
        problem.problems().forEach(p -> err().println("  " + p.path() + ": " + p.message()));
        err().flush();
        return ExitCode.USAGE;
    }
}
