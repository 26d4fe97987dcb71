package io.graphium.cli.stack;

import io.graphium.cli.api.ApiException;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.OrchestratorClient;
import io.graphium.cli.api.StackView;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Polls {@code GET /api/v1/stacks/{id}} until the stack settles or a timeout passes. Polling rather than the SSE
 * stream keeps the CLI working through proxies and with any orchestrator version that has the plain GET.
 */
public final class StackWatcher {

    /** Statuses where waiting for RUNNING ends. DEGRADED is not one: the orchestrator moves it back to RUNNING. */
    private static final Set<String> SETTLED = Set.of("RUNNING", "FAILED", "STOPPING", "STOPPED", "REMOVING",
            "REMOVED");

    /** @param last the last snapshot seen; {@code timedOut} when the stack had not settled by the deadline */
    public record Outcome(ApiResponse<StackView> last, boolean timedOut) {
    }

    private final OrchestratorClient client;
    private final Duration pollInterval;

    public StackWatcher(OrchestratorClient client, Duration pollInterval) {
        this.client = client;
        this.pollInterval = pollInterval;
    }

    /** Polls from {@code initial} on; every new snapshot goes to {@code onUpdate}. */
    public Outcome await(ApiResponse<StackView> initial, Duration timeout, Consumer<StackView> onUpdate)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiResponse<StackView> last = initial;
        String stackId = initial.value().stackId();
        while (!SETTLED.contains(last.value().status())) {
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                return new Outcome(last, true);
            }
            Thread.sleep(Math.min(pollInterval.toMillis(), remainingMillis));
            last = client.stack(stackId).orElseThrow(() -> new ApiException("stack '" + stackId
                    + "' disappeared while waiting for it (the orchestrator answered 404)"));
            onUpdate.accept(last.value());
        }
        return new Outcome(last, false);
    }
}
