package io.graphium.cli.render;

import io.graphium.cli.api.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stack's history for people: a table of all steps ({@code stack events ID}), or one line per step as it happens
 * ({@code --follow}), whose fixed columns line up without knowing the steps still to come.
 */
public final class HistoryReport {

    /** The longest kind, CONTAINER_COMMANDED. */
    private static final int KIND_WIDTH = 19;
    private static final int SUBJECT_WIDTH = 24;

    private HistoryReport() {
    }

    public static List<String> table(List<HistoryEntry> entries) {
        Table table = Table.withHeader("TIME", "KIND", "SUBJECT", "STATE", "MESSAGE");
        entries.forEach(e -> table.row(TimeFormat.instant(e.occurredAt()), e.kind(), subject(e), state(e),
                e.messageWithRequester()));
        return table.lines();
    }

    /** {@code 2026-03-01T10:00:02Z  PLACED  web@host2  -  placed web on host2 (10.213.0.12)}. */
    public static String line(HistoryEntry entry) {
        List<String> cells = new ArrayList<>(List.of(TimeFormat.instant(entry.occurredAt()),
                pad(entry.kind(), KIND_WIDTH), pad(subject(entry), SUBJECT_WIDTH), state(entry)));
        if (entry.messageWithRequester() != null) {
            cells.add(entry.messageWithRequester());
        }
        return String.join("  ", cells).stripTrailing();
    }

    /** The container (on its host) a step is about, or the stack (with its deployment). */
    static String subject(HistoryEntry entry) {
        if (entry.containerName() != null) {
            return entry.containerName() + (entry.hostId() == null ? "" : "@" + entry.hostId());
        }
        return "stack " + entry.stackId();
    }

    /** The container's state and health, or else the stack's status after the step. */
    static String state(HistoryEntry entry) {
        if (entry.containerState() != null) {
            boolean health = entry.health() != null && !"NONE".equals(entry.health());
            return entry.containerState() + (health ? "/" + entry.health().toLowerCase(Locale.ROOT) : "");
        }
        return entry.status() == null ? "-" : entry.status();
    }

    private static String pad(String text, int width) {
        String value = text == null ? "-" : text;
        return value + " ".repeat(Math.max(0, width - value.length()));
    }
}
