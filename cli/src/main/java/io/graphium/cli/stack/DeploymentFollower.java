package io.graphium.cli.stack;

import io.graphium.cli.api.ApiException;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.EventStream;
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
 * a timeout passes. Every {@code event: stack} of this deployment goes to the caller; snapshots of an earlier
 * deployment under the same stack id (a redeploy after FAILED or REMOVED) are skipped, so an old FAILED never ends
 * the wait. The stream reconnects by itself with {@code Last-Event-ID}.
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
        ApiResponse<StackView> last = accepted;
        try (EventStream events = client.events(stackId, null).orElseThrow(() -> new ApiException("stack '"
                + stackId + "' disappeared right after it was accepted (its event stream answered 404)"))) {
            while (!SETTLED.contains(last.value().status())) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    return new Outcome(last, true);
                }
                Optional<ServerSentEvent> event = events.next(left);
                if (event.isEmpty() || !"stack".equals(event.get().event())) {
                    continue;
                }
                ApiResponse<StackView> snapshot = stack(event.get());
                if (deploymentId == null || deploymentId.equals(snapshot.value().deploymentId())) {
                    last = snapshot;
                    onUpdate.accept(snapshot.value());
                }
            }
        }
        return new Outcome(last, false);
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
