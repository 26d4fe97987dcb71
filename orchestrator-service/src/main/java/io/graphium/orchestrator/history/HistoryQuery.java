package io.graphium.orchestrator.history;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the {@link HistoryStore}, on any thread, with the methods {@link HistoryLog} offers, so the history API
 * and the event streams move over by changing a type: {@link #of}, {@link #subscribe}, {@link #unsubscribe},
 * {@link #end}, and {@link #backlog} without a subscription.
 * <p>
 * Differences from {@code HistoryLog}: entries come partition by partition in topic order, merged by occurrence
 * time (a stack's entries share one partition, so for one stack that is simply topic order); a subscription for one
 * stack is told only that stack's entries (a {@code HistoryLog} subscriber was told every entry and filtered);
 * subscribers are called on the global stream thread and must not block.
 */
public final class HistoryQuery {

    private final HistoryStore history;
    private final Supplier<? extends ReadOnlyKeyValueStore<Bytes, byte[]>> store;

    HistoryQuery(HistoryStore history, Supplier<? extends ReadOnlyKeyValueStore<Bytes, byte[]>> store) {
        this.history = history;
        this.store = store;
    }

    /** One stack's entries, oldest first. */
    public List<HistoryView> of(String stackId) {
        return HistoryStore.ofStack(store.get(), stackId, ResumeToken.start()).stream()
                .map(HistoryLog.Entry::view).toList();
    }

    /** The entries after {@code token}: of one stack, or of every stack when {@code stackId} is null. */
    public List<HistoryLog.Entry> backlog(ResumeToken token, String stackId) {
        ReadOnlyKeyValueStore<Bytes, byte[]> entries = store.get();
        return stackId == null ? HistoryStore.ofAll(entries, token) : HistoryStore.ofStack(entries, stackId, token);
    }

    /**
     * Atomically: the entries after {@code token} (of one stack, or all when {@code stackId} is null), and a
     * subscription for every later one, so that a reader misses nothing and sees nothing twice. A null token means
     * "from now on": no backlog, and the position after everything stored so far. {@code subscriber} runs on the
     * global stream thread, while the store is held: it must hand the entry over (queue it) and return.
     */
    public HistoryLog.Subscription subscribe(ResumeToken token, String stackId, Consumer<HistoryLog.Entry> subscriber) {
        return history.subscribe(store, token, stackId, subscriber);
    }

    /** Ends the subscription of {@code subscriber} (the same instance that subscribed). */
    public void unsubscribe(Consumer<HistoryLog.Entry> subscriber) {
        history.unsubscribe(subscriber);
    }

    /** The position after everything this instance has read of the history topic. */
    public ResumeToken end() {
        return history.end();
    }
}
