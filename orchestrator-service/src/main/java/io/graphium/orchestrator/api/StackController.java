package io.graphium.orchestrator.api;

import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.core.ParseResult;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackStatus;
import io.graphium.orchestrator.kafka.AvroMapping;
import io.graphium.orchestrator.kafka.DeploymentStore;
import io.graphium.orchestrator.security.Callers;
import io.graphium.orchestrator.security.CommandAttribution;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/stacks}: deploy a stack definition (JSON-LD) and read its deployment. A deploy request only
 * publishes {@code StackDeployRequested}; the orchestrator's own listener takes it from there, exactly as it does for
 * any other producer's command.
 */
@RestController
@RequestMapping("/api/v1/stacks")
public class StackController {

    static final Pattern STACK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(15);
    private static final Duration PENDING_MEMORY = Duration.ofMinutes(1);

    private final DeploymentStore store;
    private final EventPublisher publisher;
    private final AvroMapping mapping;
    private final Clock clock;
    private final StackAdmission admission;
    private final CommandAttribution attribution;
    /** Deploys accepted here whose command the listener has not applied yet, so GET can say PENDING meanwhile. */
    private final Map<String, StackView> accepted = new ConcurrentHashMap<>();

    public StackController(DeploymentStore store, EventPublisher publisher, AvroMapping mapping, Clock clock,
                           StackAdmission admission, CommandAttribution attribution) {
        this.attribution = attribution;
        this.store = store;
        this.admission = admission;
        this.publisher = publisher;
        this.mapping = mapping;
        this.clock = clock;
    }

    @PostMapping(consumes = {"application/json", "application/ld+json"})
    public ResponseEntity<?> deploy(@RequestBody String body, @RequestParam(required = false) String stackId,
                                    Principal principal) throws Exception {
        ParseResult parsed = admission.parseValidateAndAdmit(body);
        if (!parsed.problems().isEmpty()) {
            return ResponseEntity.badRequest().body(invalid(parsed.problems()));
        }
        String id = stackId != null ? stackId : slug(parsed.definition().name());
        if (!STACK_ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().body(invalid(List.of(new Problem("stackId", "'" + id
                    + "' is not a valid stack id: use 1-63 lower-case letters, digits and '-', starting with a letter "
                    + "or digit"))));
        }
        StackDeployment existing = store.get(id).map(DeploymentStore.Entry::deployment).orElse(null);
        if ((existing != null && !existing.status().allowsRedeploy()) || pendingFor(id, existing) != null) {
            ProblemDetail conflict = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "stack '" + id
                    + "' is already deployed" + (existing == null ? "" : " (status " + existing.status() + ")")
                    + "; remove it first, or deploy under another id with ?stackId=");
            conflict.setTitle("stack already deployed");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(conflict);
        }
        String commandId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        io.graphium.events.StackDefinition sealed;
        try {
            sealed = mapping.definition(parsed.definition());
        } catch (IllegalStateException e) { // a secret and no sealing key: refuse rather than publish it in clear
            return ResponseEntity.unprocessableEntity().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        }
        StackDeployRequested command = StackDeployRequested.newBuilder().setCommandId(commandId).setRequestedAt(now)
                .setRequestedBy(Callers.name(principal)).setStackId(id).setDefinition(sealed).build();
        publishAttributed(id, command);
        StackView pending = StackView.pending(id, commandId, parsed.definition().name(),
                parsed.definition().deployment().strategy().name().toLowerCase(), parsed.definition().location(), now);
        accepted.put(id, pending);
        return ResponseEntity.accepted().location(URI.create("/api/v1/stacks/" + id)).body(pending);
    }

    @GetMapping("/{stackId}")
    public ResponseEntity<?> get(@PathVariable String stackId) {
        StackDeployment deployment = store.get(stackId).map(DeploymentStore.Entry::deployment).orElse(null);
        StackView pending = pendingFor(stackId, deployment);
        if (pending != null) {
            return ResponseEntity.ok(pending);
        }
        if (deployment == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "no stack '" + stackId + "'"));
        }
        return ResponseEntity.ok(StackView.of(deployment));
    }

    /** Every stack, optionally only those with {@code status} and/or in {@code location} (case-insensitive). */
    @GetMapping
    public ResponseEntity<?> list(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String location) {
        String wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && Arrays.stream(StackStatus.values()).noneMatch(s -> s.name().equals(wanted))) {
            return ResponseEntity.badRequest().body(invalid(List.of(new Problem("status", "status '" + status
                    + "' is not one of " + Arrays.stream(StackStatus.values()).map(s -> s.name().toLowerCase())
                    .collect(Collectors.joining(", "))))));
        }
        return ResponseEntity.ok(store.all().stream().map(e -> StackView.of(e.deployment()))
                .filter(v -> wanted == null || v.status().equals(wanted))
                .filter(v -> location == null || location.equalsIgnoreCase(v.location()))
                .sorted(Comparator.comparing(StackView::stackId)).toList());
    }

    /** Stop every container of the stack; it can be started again. */
    @PostMapping("/{stackId}/stop")
    public ResponseEntity<?> stop(@PathVariable String stackId, Principal principal) throws Exception {
        return command(stackId, "stop", StackStatus::allowsStop, id -> StackStopRequested.newBuilder()
                .setCommandId(id).setRequestedAt(clock.instant()).setRequestedBy(Callers.name(principal))
                .setStackId(stackId).build());
    }

    /** Start a stopped stack again, in dependency order. */
    @PostMapping("/{stackId}/start")
    public ResponseEntity<?> start(@PathVariable String stackId, Principal principal) throws Exception {
        return command(stackId, "start", StackStatus::allowsStart, id -> StackStartRequested.newBuilder()
                .setCommandId(id).setRequestedAt(clock.instant()).setRequestedBy(Callers.name(principal))
                .setStackId(stackId).build());
    }

    /** Remove every container of the stack, and its own named volumes with {@code removeVolumes=true}. */
    @DeleteMapping("/{stackId}")
    public ResponseEntity<?> remove(@PathVariable String stackId,
                                    @RequestParam(defaultValue = "false") boolean removeVolumes, Principal principal)
            throws Exception {
        return command(stackId, "remove", StackStatus::allowsRemove, id -> StackRemoveRequested.newBuilder()
                .setCommandId(id).setRequestedAt(clock.instant()).setRequestedBy(Callers.name(principal))
                .setStackId(stackId).setRemoveVolumes(removeVolumes).build());
    }

    /**
     * Publishes a stack command when the stack exists and its status allows it; the listener alone acts on it.
     * 202 with the stack as it is now (the change follows on the status stream).
     */
    private ResponseEntity<?> command(String stackId, String verb, Predicate<StackStatus> allowed,
                                      Function<String, SpecificRecord> command) throws Exception {
        StackDeployment deployment = store.get(stackId).map(DeploymentStore.Entry::deployment).orElse(null);
        if (deployment == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "no stack '" + stackId + "'"));
        }
        if (!allowed.test(deployment.status())) {
            ProblemDetail conflict = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "cannot " + verb
                    + " stack '" + stackId + "' while it is " + deployment.status());
            conflict.setTitle("not possible in this state");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(conflict);
        }
        publishAttributed(stackId, command.apply(UUID.randomUUID().toString()));
        return ResponseEntity.accepted().location(URI.create("/api/v1/stacks/" + stackId))
                .body(StackView.of(deployment));
    }

    /** Publishes a stack command with this orchestrator's attribution mark, so history can trust its requestedBy. */
    private void publishAttributed(String stackId, SpecificRecord command) throws Exception {
        Publishing.await(() -> publisher.publish(Topics.STACK_COMMANDS, stackId, command,
                Map.of(CommandAttribution.HEADER, attribution.sign(command))), PUBLISH_DEADLINE);
    }

    /** The deploy accepted here that the orchestrator has not applied yet, if any (forgotten after a minute). */
    private StackView pendingFor(String stackId, StackDeployment deployment) {
        StackView pending = accepted.get(stackId);
        if (pending == null) {
            return null;
        }
        boolean applied = deployment != null && deployment.deploymentId().equals(pending.deploymentId());
        if (applied || pending.requestedAt().isBefore(clock.instant().minus(PENDING_MEMORY))) {
            accepted.remove(stackId, pending);
            return null;
        }
        return pending;
    }

    static ProblemDetail invalid(List<Problem> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problems.size()
                + " problem(s) in the stack definition");
        detail.setTitle("invalid stack definition");
        detail.setProperty("problems", problems);
        return detail;
    }

    /** A stack id from a stack name: lower case, anything but letters and digits becomes '-'. */
    static String slug(String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 63 ? slug.substring(0, 63) : slug;
    }
}
