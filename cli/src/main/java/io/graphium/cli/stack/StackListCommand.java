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

/** {@code graphium stack ls}: one line per stack with its status, running/total containers and age. */
@Command(name = "ls", aliases = "list", description = "List the stacks.")
public class StackListCommand extends ApiCommand {

    @Override
    public Integer call() {
        ApiResponse<List<StackView>> stacks = client().stacks();
        if (jsonOutput()) {
            out().println(Json.pretty(stacks.json()));
            return ExitCode.OK;
        }
        if (stacks.value().isEmpty()) {
            out().println("No stacks.");
            return ExitCode.OK;
        }
        Instant now = context().clock().instant();
        Table table = Table.withHeader("ID", "NAME", "STATUS", "CONTAINERS", "AGE");
        for (StackView stack : stacks.value()) {
            table.row(stack.stackId(), stack.name(), stack.status(),
                    stack.runningContainers() + "/" + stack.totalContainers(),
                    TimeFormat.age(stack.requestedAt(), now));
        }
        table.lines().forEach(out()::println);
        return ExitCode.OK;
    }
}
