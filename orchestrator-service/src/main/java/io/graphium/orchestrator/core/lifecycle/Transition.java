package io.graphium.orchestrator.core.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of applying one input to a stack: its next state ({@code null} = unchanged, nothing to publish), the
 * commands to send in order, and the steps for the stack's history. The adapter makes all of it durable at once
 * (one Kafka transaction with the state change and the input's offset).
 */
public record Transition(StackDeployment next, List<Command> commands, List<HistoryEntry> history, String note) {

    public Transition {
        commands = List.copyOf(commands);
        history = List.copyOf(history);
    }

    public static Transition unchanged(String why) {
        return new Transition(null, List.of(), List.of(), why);
    }

    /** Nothing changes, but the refusal goes into the history (a command that cannot be applied now). */
    static Transition refused(HistoryEntry.Kind kind, String why) {
        return refused(HistoryEntry.of(kind, why), why);
    }

    /** Nothing changes; {@code step} goes into the history. */
    static Transition refused(HistoryEntry step, String why) {
        return new Transition(null, List.of(), List.of(step), why);
    }

    /** From {@code previous} (null for a new stack) to {@code next}; a change of status goes into the history. */
    static Transition to(StackDeployment previous, StackDeployment next, List<? extends Command> commands,
                         List<HistoryEntry> history) {
        List<HistoryEntry> steps = new ArrayList<>(history);
        if (previous == null || previous.status() != next.status()
                || !previous.deploymentId().equals(next.deploymentId())) {
            steps.add(HistoryEntry.of(HistoryEntry.Kind.STATUS_CHANGED, "stack '" + next.stackId() + "' is "
                    + next.status() + (next.error() == null ? "" : ": " + next.error())));
        }
        return new Transition(next, new ArrayList<>(commands), steps, null);
    }

    public boolean changed() {
        return next != null;
    }
}
