package io.graphium.cli.validate;

import io.graphium.cli.DefinitionFile;
import io.graphium.cli.ExitCode;
import io.graphium.cli.GraphiumCli;
import io.graphium.cli.OutputFormat;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code graphium validate FILE}: checks stack definitions against the JSON Schema packaged in the CLI, offline.
 * Each problem is printed with its JSON path. The orchestrator's rules across fields are checked by
 * {@code stack plan}.
 */
@Command(name = "validate",
        description = {"Check stack definition files against the stack definition JSON Schema, offline.",
                "Rules across fields (dependency cycles, a host port used twice...) are checked by the orchestrator:",
                "run `graphium stack plan FILE` for those."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "2:a file is invalid, unreadable or not JSON"})
public class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Stack definition files (JSON-LD)")
    private List<Path> files;

    @Override
    public Integer call() {
        boolean json = ((GraphiumCli) spec.root().userObject()).output() == OutputFormat.json;
        DefinitionSchema schema = DefinitionSchema.load();
        ArrayNode results = Json.MAPPER.createArrayNode();
        boolean allValid = true;
        for (Path file : files) {
            List<Problem.Item> problems = schema.validate(DefinitionFile.parse(file, DefinitionFile.read(file)));
            allValid &= problems.isEmpty();
            if (json) {
                ObjectNode result = results.addObject().put("file", file.toString()).put("valid", problems.isEmpty());
                ArrayNode list = result.putArray("problems");
                problems.forEach(p -> list.addObject().put("path", p.path()).put("message", p.message()));
            } else if (problems.isEmpty()) {
                spec.commandLine().getOut().println(file + ": valid");
            } else {
                spec.commandLine().getErr().println(file + ": " + problems.size() + " problem(s)");
                problems.forEach(p -> spec.commandLine().getErr().println("  " + p.path() + ": " + p.message()));
            }
        }
        if (json) {
            spec.commandLine().getOut().println(Json.pretty(results));
        }
        spec.commandLine().getErr().flush();
        return allValid ? ExitCode.OK : ExitCode.USAGE;
    }
}
