package io.graphium.orchestrator.history;

import io.graphium.events.StackHistoryEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The history topic as read so far, in memory: every stack's audit trail, for {@code GET .../history} and the event
 * streams. An entry written twice (an input replayed after a crash writes the same event ids) is kept once.
 */
public class HistoryLog {

    /** One history entry and where it is on the topic. */
    public record Entry(int partition, long offset, HistoryView view) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private final List<Consumer<Entry>> subscribers = new CopyOnWriteArrayList<>();
    private ResumeToken end = ResumeToken.start();

    /** Adds one record of the topic; subscribers see it unless it repeats an entry already known. */
    public synchronized void append(int partition, long offset, StackHistoryEvent event) {
        end = end.after(partition, offset);
        if (!eventIds.add(event.getEventId())) {
            return;
        }
        Entry entry = new Entry(partition, offset, HistoryView.of(event));
        entries.add(entry);
        subscribers.forEach(s -> s.accept(entry));
    }

    /** One stack's entries, oldest first. */
    public synchronized List<HistoryView> of(String stackId) {
        return entries.stream().map(Entry::view).filter(v -> v.stackId().equals(stackId)).toList();
    }

    /** What a new subscriber gets: the entries it missed, and the position they bring it to. */
    public record Subscription(List<Entry> backlog, ResumeToken position) {
    }

    /**
     * Atomically: the entries after {@code token} (of one stack, or all when {@code stackId} is null), and a
     * subscription for every later one, so that a reader misses nothing and sees nothing twice. A null token means
     * "from now on": no backlog.
     */
    public synchronized Subscription subscribe(ResumeToken token, String stackId, Consumer<Entry> subscriber) {
        subscribers.add(subscriber);
        if (token == null) {
            return new Subscription(List.of(), end);
        }
        List<Entry> backlog = entries.stream().filter(e -> token.isBefore(e.partition(), e.offset()))
                .filter(e -> stackId == null || e.view().stackId().equals(stackId)).toList();
        return new Subscription(backlog, token);
    }

    public void unsubscribe(Consumer<Entry> subscriber) {
        subscribers.remove(subscriber);
    }

    /** The position after everything read so far. */
    public synchronized ResumeToken end() {
        return end;
    }
}
