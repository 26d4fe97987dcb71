package io.graphium.orchestrator.application;

import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits for the processor's decision on stack commands this instance sent: the read model shows the command applied
 * (accepted), or the history records its refusal. Fed by the read model's and the history's listeners; holds
 * nothing but the futures of requests that are waiting right now.
 */
public final class CommandDecisions {

    /** What the orchestrator decided about a stack command. */
    public sealed interface Decision {
    }

    /** The command was applied; {@code stack} is the state right after. */
    public record Accepted(StackDeployment stack) implements Decision {
    }

    /** The command was refused and changed nothing; {@code reason} is the processor's sentence. */
    public record Refused(String reason) implements Decision {
    }

    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();

    /** Registers interest in {@code commandId}'s decision; call before the command is sent. */
    public CompletableFuture<Decision> expect(String commandId) {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        waiting.put(commandId, decision);
        decision.whenComplete((d, e) -> waiting.remove(commandId, decision));
        return decision;
    }

    /** No longer waiting (timed out, or the send failed). */
    public void forget(String commandId) {
        CompletableFuture<Decision> decision = waiting.remove(commandId);
        if (decision != null) {
            decision.cancel(false);
        }
    }

    /** A new state of a stack arrived in the read model. */
    public void stackChanged(StackDeployment stack) {
        if (waiting.isEmpty()) {
            return;
        }
        complete(stack.deploymentId(), new Accepted(stack));
        stack.recentCommandIds().forEach(id -> complete(id, new Accepted(stack)));
    }

    /**
     * A history entry arrived. Its event id starts with the id of the input that caused it; a refusal is recorded
     * against the stack's current deployment, never the refused command's.
     */
    public void historyRecorded(String eventId, String deploymentId, String kind, String message) {
        if (waiting.isEmpty() || eventId == null) {
            return;
        }
        int colon = eventId.indexOf(':');
        String inputId = colon < 0 ? eventId : eventId.substring(0, colon);
        boolean refusal = "DEPLOY_REJECTED".equals(kind) || "COMMAND_REFUSED".equals(kind);
        if (refusal && !inputId.equals(deploymentId)) {
            complete(inputId, new Refused(message));
        }
    }

    private void complete(String commandId, Decision decision) {
        CompletableFuture<Decision> future = waiting.get(commandId);
        if (future != null) {
            future.complete(decision);
        }
    }
}
