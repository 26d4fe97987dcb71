package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.CliException;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.ApiException;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.EventStream;
import io.graphium.cli.api.HistoryEntry;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.ServerSentEvent;
import io.graphium.cli.render.HistoryReport;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code graphium stack events ID [--follow]}: the stack's history (every lifecycle step, oldest first), and with
 * {@code --follow} the steps still to come, as they happen, until interrupted or {@code --until} is reached. A
 * dropped connection is resumed where it left off ({@code Last-Event-ID}); a step seen twice is printed once.
 */
@Command(name = "events", sortOptions = true,
        description = {"Show a stack's history: every lifecycle step, oldest first.",
                "With --follow, keep printing steps as they happen (JSON output: one object per line)."})
public class StackEventsCommand extends ApiCommand {

    private static final Duration WAKE_UP = Duration.ofSeconds(1);

    @Parameters(paramLabel = "ID", description = "Stack id")
    private String stackId;

    @Option(names = {"-f", "--follow"}, description = "Keep following new steps (Ctrl-C ends)")
    private boolean follow;

    @Option(names = "--until", paramLabel = "STATUS", split = ",",
            description = "With --follow: stop once the stack's status is one of these, e.g. RUNNING,FAILED")
    private List<String> until = List.of();

    @Override
    public Integer call() throws InterruptedException {
        if (!follow) {
            if (!until.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "--until only applies with --follow");
            }
            return history();
        }
        return follow();
    }

    private int history() {
        ApiResponse<List<HistoryEntry>> history = client().history(stackId).orElseThrow(this::unknownStack);
        if (jsonOutput()) {
            out().println(Json.pretty(history.json()));
        } else if (history.value().isEmpty()) {
            out().println("No events for stack " + stackId + ".");
        } else {
            HistoryReport.table(history.value()).forEach(out()::println);
        }
        return ExitCode.OK;
    }

    private int follow() throws InterruptedException {
        Set<String> stopAt = new HashSet<>();
        until.forEach(status -> stopAt.add(status.strip().toUpperCase(Locale.ROOT)));
        Set<String> seen = new HashSet<>();
        try (EventStream events = client().events(stackId, null).orElseThrow(this::unknownStack)) {
            while (true) {
                Optional<ServerSentEvent> next = events.next(WAKE_UP);
                if (next.isEmpty()) {
                    continue;
                }
                ServerSentEvent event = next.get();
                if ("history".equals(event.event())) {
                    JsonNode json = parse(event);
                    HistoryEntry entry = Json.MAPPER.treeToValue(json, HistoryEntry.class);
                    if (entry.eventId() == null || seen.add(entry.eventId())) {
                        out().println(jsonOutput() ? Json.compact(json) : HistoryReport.line(entry));
                        out().flush();
                    }
                } else if ("stack".equals(event.event()) // the current status; history entries replay past ones
                        && stopAt.contains(DeploymentFollower.stack(event).value().status())) {
                    return ExitCode.OK;
                }
            }
        }
    }

    private static JsonNode parse(ServerSentEvent event) {
        try {
            return Json.MAPPER.readTree(event.data());
        } catch (JacksonException e) {
            throw new ApiException("the event stream sent a history entry the CLI cannot read ("
                    + e.getOriginalMessage() + "): " + event.data());
        }
    }

    private CliException unknownStack() {
        return new CliException(ExitCode.USAGE, "no stack '" + stackId + "'; list the stacks with: graphium stack ls"
                + root().serverHint());
    }
}
