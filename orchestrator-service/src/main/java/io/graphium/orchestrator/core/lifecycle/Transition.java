package io.graphium.orchestrator.core.lifecycle;

import java.util.List;

/**
 * The result of applying one input to a stack: its next state ({@code null} = unchanged, nothing to publish) and
 * the commands to send, in order. Adapters publish the commands first and the state last, so a crash in between
 * replays the input and re-sends commands that receivers recognize by id.
 */
public record Transition(StackDeployment next, List<Object> commands, String note) {

    public Transition {
        commands = List.copyOf(commands);
    }

    static Transition unchanged(String why) {
        return new Transition(null, List.of(), why);
    }

    static Transition to(StackDeployment next, List<Object> commands) {
        return new Transition(next, commands, null);
    }

    public boolean changed() {
        return next != null;
    }
}
