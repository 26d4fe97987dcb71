package io.graphium.cli.render;

import io.graphium.cli.api.StackView;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a deployment's progress from successive snapshots of the stack. On a terminal it redraws a compact table in
 * place (ANSI cursor movement), elsewhere (pipes, CI logs) it prints one plain line per change, so logs stay
 * readable and grep-able.
 */
public final class DeployProgressRenderer {

    /** Moves the cursor to the start of the line n lines up. */
    private static final String LINES_UP = "\u001b[%dF";
    /** Erases from the cursor to the end of the screen. */
    private static final String ERASE_BELOW = "\u001b[J";
    private static final int MIN_NAME_WIDTH = 7;

    private final PrintWriter out;
    private final boolean ansi;
    private final Clock clock;
    private final Instant started;
    /** Plain mode: what was last printed per container and for the stack, to print changes only. */
    private final Map<String, List<String>> shown = new HashMap<>();
    private String shownStatus;
    /** ANSI mode: lines of the previous frame, to move back over them. */
    private int drawnLines;

    public DeployProgressRenderer(PrintWriter out, boolean ansi, Clock clock) {
        this.out = out;
        this.ansi = ansi;
        this.clock = clock;
        this.started = clock.instant();
    }

    public void update(StackView stack) {
        if (ansi) {
            redraw(stack);
        } else {
            printChanges(stack);
        }
        out.flush();
    }

    /** {@code web      host2 (10.213.0.12)  CREATED}: one line per container whose host, state or health changed. */
    private void printChanges(StackView stack) {
        List<ContainerRow> rows = ContainerRow.of(stack);
        int nameWidth = Math.max(MIN_NAME_WIDTH, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int hostWidth = rows.stream().mapToInt(r -> r.host().length()).max().orElse(0);
        for (ContainerRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(pad(row.name(), nameWidth), pad(row.host(), hostWidth),
                    row.stateText()));
            if (!row.healthText().equals("-")) {
                cells.add(row.healthText());
            }
            if (row.hasProblem()) {
                cells.add(row.message());
            }
            List<String> seen = List.of(row.host(), row.stateText(), row.healthText(), String.valueOf(row.message()));
            if (!seen.equals(shown.put(row.name(), seen))) {
                out.println(String.join("  ", cells).stripTrailing());
            }
        }
        if (!stack.status().equals(shownStatus)) {
            out.println("stack " + stack.stackId() + ": " + stack.status());
            shownStatus = stack.status();
        }
    }

    /** Replaces the previous frame with a status line and a table of containers. */
    private void redraw(StackView stack) {
        List<String> frame = new ArrayList<>();
        frame.add("stack " + stack.stackId() + "  " + stack.status() + "  "
                + TimeFormat.duration(Duration.between(started, clock.instant())));
        List<ContainerRow> rows = ContainerRow.of(stack);
        if (rows.isEmpty()) {
            frame.add("  waiting for placement...");
        } else {
            Table table = Table.withHeader("CONTAINER", "HOST", "STATE", "HEALTH");
            rows.forEach(r -> table.row(r.name(), r.host(), r.stateText(), r.healthText()));
            table.lines().forEach(line -> frame.add("  " + line));
        }
        if (drawnLines > 0) {
            out.print(String.format(LINES_UP, drawnLines) + ERASE_BELOW);
        }
        frame.forEach(out::println);
        drawnLines = frame.size();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
