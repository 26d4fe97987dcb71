package io.graphium.orchestrator.application;

import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.application.CommandDecisions.Decision;
import io.graphium.orchestrator.core.ParseResult;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import java.time.Clock;
import java.time.Duration;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What the REST API asks of the orchestrator. A request is admitted here (parsed, validated, checked against the
 * admission policy), then accepted by writing its command to the stack commands topic, exactly as any producer
 * would; nothing is held in memory. The answer waits, for a bounded time, for the processor's decision, so that a
 * refused command still gets its 409 synchronously when the decision comes quickly.
 */
public final class StackService {

    public static final Pattern STACK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * Sends stack commands (to the stack commands topic). Throws what the publish failed with, and {@link Unsealable}
     * for a definition with a secret that cannot be sealed.
     */
    public interface CommandBus {
        void deploy(String commandId, String stackId, StackDefinition definition, DeployOptions options,
                    String requestedBy, Instant at) throws Exception;

        void stop(String commandId, String stackId, String requestedBy, Instant at) throws Exception;

        void start(String commandId, String stackId, String requestedBy, Instant at) throws Exception;

        void remove(String commandId, String stackId, boolean removeVolumes, String requestedBy, Instant at)
                throws Exception;
    }

    /** The definition has a secret and this orchestrator has no key to seal it: refused rather than sent in clear. */
    public static final class Unsealable extends RuntimeException {
        public Unsealable(String message) {
            super(message);
        }
    }

    /** The latest known state of every stack (the read model). */
    public interface ReadModel {
        Optional<StackDeployment> get(String stackId);

        List<StackDeployment> all();

        /** {@code listener} hears every new state of every stack. */
        void onChange(Consumer<StackDeployment> listener);

        void removeListener(Consumer<StackDeployment> listener);
    }

    /** The outcome of a request. */
    public sealed interface Result {
    }

    /** The definition (or the stack id) has problems: nothing was sent. */
    public record Invalid(List<Problem> problems) implements Result {
    }

    /** There is no such stack: nothing was sent. */
    public record NotFound(String stackId) implements Result {
    }

    /** The command was applied; {@code stack} is its state right after. */
    public record Accepted(String commandId, StackDeployment stack) implements Result {
    }

    /** The orchestrator refused the command (e.g. the stack's status does not allow it). */
    public record Refused(String commandId, String reason) implements Result {
    }

    /** The command was sent; the decision did not come within the wait. {@code definition} for a deploy. */
    public record Sent(String commandId, String stackId, StackDefinition definition, Instant requestedAt)
            implements Result {
    }

    private final StackAdmission admission;
    private final CommandBus bus;
    private final ReadModel stacks;
    private final CommandDecisions decisions;
    private final Clock clock;
    private final Duration decisionWait;

    public StackService(StackAdmission admission, CommandBus bus, ReadModel stacks, CommandDecisions decisions,
                        Clock clock, Duration decisionWait) {
        this.admission = admission;
        this.bus = bus;
        this.stacks = stacks;
        this.decisions = decisions;
        this.clock = clock;
        this.decisionWait = decisionWait;
    }

    public Optional<StackDeployment> get(String stackId) {
        return stacks.get(stackId);
    }

    public List<StackDeployment> all() {
        return stacks.all();
    }

    /** The longest deadline a deployment may ask for: a day, far beyond any real rollout. */
    public static final Duration MAX_DEADLINE = Duration.ofDays(1);

    /**
     * Deploys {@code json} as {@code stackId} (null: a slug of the stack's name), failing unless RUNNING within
     * {@code options.deadline()}, and then removing what it started when {@code options.rollbackOnFailure()}.
     */
    public Result deploy(String json, String stackId, DeployOptions options, String requestedBy) throws Exception {
        if (options.deadline().isNegative() || options.deadline().isZero()
                || options.deadline().compareTo(MAX_DEADLINE) > 0) {
            return new Invalid(List.of(new Problem("deadline", "deadline " + options.deadline().toSeconds()
                    + " s must be positive and at most " + MAX_DEADLINE.toHours() + " h")));
        }
        ParseResult parsed = admission.parseValidateAndAdmit(json);
        if (!parsed.problems().isEmpty()) {
            return new Invalid(parsed.problems());
        }
        String id = stackId != null ? stackId : slug(parsed.definition().name());
        if (!STACK_ID.matcher(id).matches()) {
            return new Invalid(List.of(new Problem("stackId", "'" + id + "' is not a valid stack id: use 1-63 "
                    + "lower-case letters, digits and '-', starting with a letter or digit")));
        }
        Instant now = clock.instant();
        String commandId = UUID.randomUUID().toString();
        Result decided = send(commandId, () -> bus.deploy(commandId, id, parsed.definition(), options, requestedBy,
                now));
        return decided != null ? decided : new Sent(commandId, id, parsed.definition(), now);
    }

    public Result stop(String stackId, String requestedBy) throws Exception {
        return command(stackId, commandId -> bus.stop(commandId, stackId, requestedBy, clock.instant()));
    }

    public Result start(String stackId, String requestedBy) throws Exception {
        return command(stackId, commandId -> bus.start(commandId, stackId, requestedBy, clock.instant()));
    }

    public Result remove(String stackId, boolean removeVolumes, String requestedBy) throws Exception {
        return command(stackId, commandId -> bus.remove(commandId, stackId, removeVolumes, requestedBy,
                clock.instant()));
    }

    private interface Send {
        void send() throws Exception;
    }

    private interface CommandSend {
        void send(String commandId) throws Exception;
    }

    private Result command(String stackId, CommandSend send) throws Exception {
        if (stacks.get(stackId).isEmpty()) {
            return new NotFound(stackId);
        }
        String commandId = UUID.randomUUID().toString();
        Result decided = send(commandId, () -> send.send(commandId));
        return decided != null ? decided : new Sent(commandId, stackId, null, clock.instant());
    }

    /** Sends, then waits for the decision; null when it did not come within the wait. */
    private Result send(String commandId, Send send) throws Exception {
        CompletableFuture<Decision> decision = decisions.expect(commandId);
        try {
            send.send();
        } catch (Exception e) {
            decisions.forget(commandId);
            throw e;
        }
        try {
            Decision decided = decision.get(decisionWait.toMillis(), TimeUnit.MILLISECONDS);
            return decided instanceof CommandDecisions.Accepted accepted ? new Accepted(commandId, accepted.stack())
                    : new Refused(commandId, ((CommandDecisions.Refused) decided).reason());
        } catch (TimeoutException e) {
            decisions.forget(commandId);
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the decision on " + commandId + " failed", e.getCause());
        }
    }

    /** A stack id from a stack name: lower case, anything but letters and digits becomes '-'. */
    public static String slug(String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 63 ? slug.substring(0, 63) : slug;
    }
}
