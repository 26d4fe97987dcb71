package io.graphium.orchestrator.history;

import java.util.List;

/**
 * The history topic as its readers see it: entries with their position, and subscriptions that start from a
 * position. Served by {@link HistoryQuery} from the topology's {@link HistoryStore}.
 */
public final class HistoryLog {

    private HistoryLog() {
    }

    /** One history entry and where it is on the topic. */
    public record Entry(int partition, long offset, HistoryView view) {
    }

    /** What a new subscriber gets: the entries it missed, and the position they bring it to. */
    public record Subscription(List<Entry> backlog, ResumeToken position) {
    }
}
