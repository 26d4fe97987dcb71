package io.graphium.cli.stack;

import io.graphium.cli.api.ApiException;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.EventStream;
import io.graphium.cli.api.HistoryEntry;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.OrchestratorClient;
import io.graphium.cli.api.ServerSentEvent;
import io.graphium.cli.api.StackView;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows one deployment over the stack's event stream ({@code GET /api/v1/stacks/{id}/events}) until it settles or
 * a timeout passes. Every newer snapshot of this deployment goes to the caller: each {@code event: stack}, plus one
 * {@code GET} right after subscribing and one whenever a history entry says the deployment settled, so the outcome
 * is seen even if the server sent no snapshot for it. Snapshots of an earlier deployment under the same stack id (a
 * redeploy after FAILED or REMOVED) are skipped, so an old FAILED never ends the wait; an older version never
 * replaces a newer one. The stream reconnects by itself with {@code Last-Event-ID}.
 */
public final class DeploymentFollower {

    /** Statuses where waiting for RUNNING ends. DEGRADED is not one: the orchestrator moves it back to RUNNING. */
    static final Set<String> SETTLED = Set.of("RUNNING", "FAILED", "STOPPING", "STOPPED", "REMOVING", "REMOVED");

    /** @param last the last snapshot seen; {@code timedOut} when the stack had not settled by the deadline */
    public record Outcome(ApiResponse<StackView> last, boolean timedOut) {
    }

    private final OrchestratorClient client;

    public DeploymentFollower(OrchestratorClient client) {
        this.client = client;
    }

    /** Follows from {@code accepted} (the deploy's answer) on; every newer snapshot goes to {@code onUpdate}. */
    public Outcome await(ApiResponse<StackView> accepted, Duration timeout, Consumer<StackView> onUpdate)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String stackId = accepted.value().stackId();
        String deploymentId = accepted.value().deploymentId();
        Latest latest = new Latest(accepted, onUpdate);
        try (EventStream events = client.events(stackId, null).orElseThrow(() -> new ApiException("stack '"
                + stackId + "' disappeared right after it was accepted (its event stream answered 404)"))) {
            client.stack(stackId).ifPresent(latest::offer); // subscribed first: nothing after this GET is missed
            while (!SETTLED.contains(latest.last.value().status())) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    return new Outcome(latest.last, true);
                }
                Optional<ServerSentEvent> event = events.next(left);
                if (event.isEmpty()) {
                    continue;
                }
                if ("stack".equals(event.get().event())) {
                    latest.offer(stack(event.get()));
                } else if ("history".equals(event.get().event()) && settles(event.get(), deploymentId)) {
                    client.stack(stackId).ifPresent(latest::offer);
                }
            }
        }
        return new Outcome(latest.last, false);
    }

    /** The newest snapshot of the followed deployment so far; each newer one is passed on. */
    private static final class Latest {

        private final Consumer<StackView> onUpdate;
        private ApiResponse<StackView> last;

        Latest(ApiResponse<StackView> accepted, Consumer<StackView> onUpdate) {
            this.last = accepted;
            this.onUpdate = onUpdate;
        }

        void offer(ApiResponse<StackView> snapshot) {
            StackView stack = snapshot.value();
            String followed = last.value().deploymentId();
            boolean sameDeployment = followed == null || followed.equals(stack.deploymentId());
            if (sameDeployment && stack.version() >= last.value().version()) {
                last = snapshot;
                onUpdate.accept(stack);
            }
        }
    }

    /** Whether a history entry says the followed deployment reached a settled status. */
    private static boolean settles(ServerSentEvent event, String deploymentId) {
        try {
            HistoryEntry entry = Json.MAPPER.readValue(event.data(), HistoryEntry.class);
            return entry.status() != null && SETTLED.contains(entry.status())
                    && (deploymentId == null || deploymentId.equals(entry.deploymentId()));
        } catch (JacksonException e) {
            return false; // a history entry this CLI cannot read is only not shown; the snapshots still come
        }
    }

    /** The stack in an {@code event: stack}. */
    static ApiResponse<StackView> stack(ServerSentEvent event) {
        try {
            JsonNode json = Json.MAPPER.readTree(event.data());
            return new ApiResponse<>(Json.MAPPER.treeToValue(json, StackView.class), json);
        } catch (JacksonException e) {
            throw new ApiException("the event stream sent a stack the CLI cannot read (" + e.getOriginalMessage()
                    + "): " + event.data());
        }
    }
}
