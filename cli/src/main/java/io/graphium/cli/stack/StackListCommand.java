package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.StackView;
import io.graphium.cli.render.Table;
import io.graphium.cli.render.TimeFormat;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code graphium stack ls}: one line per stack with its status, running/total containers, location
 * and age; {@code --status} and {@code --location} filter on the server. */
@Command(name = "ls", aliases = "list", description = "List the stacks.")
public class StackListCommand extends ApiCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "Only stacks in this status, e.g. RUNNING")
    private String status;

    @Option(names = "--location", paramLabel = "DC", description = "Only stacks deployed to this location")
    private String location;

    @Override
    public Integer call() {
        ApiResponse<List<StackView>> stacks = client().stacks(status, location);
        if (jsonOutput()) {
            out().println(Json.pretty(stacks.json()));
            return ExitCode.OK;
        }
        if (stacks.value().isEmpty()) {
            out().println("No stacks.");
            return ExitCode.OK;
        }
        Instant now = context().clock().instant();
        Table table = Table.withHeader("ID", "NAME", "STATUS", "CONTAINERS", "LOCATION", "AGE");
        for (StackView stack : stacks.value()) {
            table.row(stack.stackId(), stack.name(), stack.status(),
                    stack.runningContainers() + "/" + stack.totalContainers(), stack.location(),
                    TimeFormat.age(stack.requestedAt(), now));
        }
        table.lines().forEach(out()::println);
        return ExitCode.OK;
    }
}
