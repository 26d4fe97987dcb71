package io.graphium.orchestrator.api;

import io.graphium.kafka.Publishing;
import io.graphium.orchestrator.security.Callers;
import io.graphium.events.HostDescription;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.HostStatusChanged;
import io.graphium.events.RegistrationSource;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.hosts.HostInventory;
import io.graphium.orchestrator.hosts.HostView;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/hosts}: the host inventory (agent-discovered and hand-registered hosts), manual registration and
 * operators' status overrides. Writes only publish events ({@code HostRegistered} with source MANUAL on the hosts
 * topic, {@code HostStatusChanged} on the admin topic); the placement service and this orchestrator's own
 * {@link HostInventory} apply them from there. A write answers once the view here shows it (or after a few seconds,
 * with 202, if the listener is behind).
 */
@RestController
@RequestMapping("/api/v1/hosts")
public class HostController {

    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(30);
    private static final Duration VIEW_DEADLINE = Duration.ofSeconds(5);

    private final HostInventory inventory;
    private final EventPublisher publisher;
    private final Clock clock;

    public HostController(HostInventory inventory, EventPublisher publisher, Clock clock) {
        this.inventory = inventory;
        this.publisher = publisher;
        this.clock = clock;
    }

    @GetMapping
    public ResponseEntity<?> list(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String datacenter) {
        String wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !List.of("ACTIVE", "DEGRADED", "MAINTENANCE", "OFFLINE").contains(wanted)) {
            return ResponseEntity.badRequest().body(invalid("invalid filter", List.of(new Problem("status",
                    "status '" + status + "' is not one of active, degraded, maintenance, offline"))));
        }
        return ResponseEntity.ok(inventory.all().stream()
                .filter(h -> wanted == null || h.status().equals(wanted))
                .filter(h -> datacenter == null || datacenter.equals(h.datacenter()))
                .toList());
    }

    @GetMapping("/{hostId}")
    public ResponseEntity<?> get(@PathVariable String hostId) {
        return inventory.get(hostId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(hostId));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<?> register(@RequestBody(required = false) String body) throws Exception {
        HostRegistrationReader.Result read = HostRegistrationReader.read(body);
        if (!read.problems().isEmpty()) {
            return ResponseEntity.badRequest().body(invalid("invalid host registration", read.problems()));
        }
        HostDescription host = read.registration().host();
        String id = host.getHostId();
        Optional<HostView> existing = inventory.get(id);
        if (existing.isPresent() && existing.get().source().equals(RegistrationSource.AGENT.name())) {
            ProblemDetail conflict = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "host '" + id
                    + "' is registered by its agent (last heartbeat " + existing.get().lastHeartbeat() + "); its "
                    + "agent describes it, so it cannot be registered by hand. To keep it out of placements, use "
                    + "PUT /api/v1/hosts/" + id + "/status with {\"status\": \"maintenance\"}");
            conflict.setTitle("host registered by its agent");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(conflict);
        }
        HostRegistered event = registration(host, read.registration().status(), null);
        HostView view = publishAndView(Topics.HOSTS, id, event, event.getEventId());
        URI location = URI.create("/api/v1/hosts/" + id);
        if (view == null) {
            return ResponseEntity.accepted().location(location).body(java.util.Map.of("hostId", id, "note",
                    "accepted; the inventory has not applied it yet"));
        }
        return (existing.isPresent() ? ResponseEntity.ok() : ResponseEntity.created(location))
                .location(location).body(view);
    }

    @PutMapping(path = "/{hostId}/status", consumes = "application/json")
    public ResponseEntity<?> setStatus(@PathVariable String hostId, @RequestBody(required = false) String body,
                                       Principal principal)
            throws Exception {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = HostRegistrationReader.tree(body, problems);
        HostStatus status = root == null ? null : HostRegistrationReader.statusChange(root, problems);
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest().body(invalid("invalid status change", problems));
        }
        if (inventory.get(hostId).isEmpty()) {
            return notFound(hostId);
        }
        JsonNode reasonNode = root.get("reason");
        String reason = reasonNode == null || reasonNode.isNull() || reasonNode.asString().isBlank() ? null
                : reasonNode.asString().strip();
        Instant now = clock.instant();
        HostStatusChanged change = HostStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCausationId(null).setOccurredAt(now).setHostId(hostId).setStatus(status).setReason(reason)
                .setChangedBy(Callers.name(principal)).build();
        String awaited = change.getEventId();
        CompletableFuture<Void> overrideApplied = inventory.whenApplied(awaited);
        try {
            Publishing.await(() -> publisher.publish(Topics.HOST_ADMIN, hostId, change), PUBLISH_DEADLINE);
            // A manual host has no agent to report its status: the operator's word is its reported status too, so
            // that lifting an override ("active") really makes it active.
            Optional<HostDescription> manual = inventory.isManual(hostId) ? inventory.description(hostId)
                    : Optional.empty();
            HostView view;
            if (manual.isPresent()) {
                HostRegistered again = registration(manual.get(), status, change.getEventId());
                view = publishAndView(Topics.HOSTS, hostId, again, again.getEventId());
                awaitQuietly(overrideApplied);
            } else {
                view = awaitQuietly(overrideApplied) ? inventory.get(hostId).orElse(null) : null;
            }
            if (view == null) {
                return ResponseEntity.accepted().body(java.util.Map.of("hostId", hostId, "status", status.name(),
                        "note", "accepted; the inventory has not applied it yet"));
            }
            return ResponseEntity.ok(view);
        } finally {
            inventory.forget(awaited);
        }
    }

    private HostRegistered registration(HostDescription host, HostStatus status, String causationId) {
        return HostRegistered.newBuilder().setEventId(UUID.randomUUID().toString()).setCausationId(causationId)
                .setOccurredAt(clock.instant()).setHost(HostDescription.newBuilder(host).build()).setStatus(status)
                .setSource(RegistrationSource.MANUAL).build();
    }

    /** Publishes and waits (briefly) until the inventory applied it; the host's view then, or null if not yet. */
    private HostView publishAndView(io.graphium.kafka.Topic topic, String hostId,
                                    org.apache.avro.specific.SpecificRecord event, String eventId) throws Exception {
        CompletableFuture<Void> applied = inventory.whenApplied(eventId);
        try {
            Publishing.await(() -> publisher.publish(topic, hostId, event), PUBLISH_DEADLINE);
            return awaitQuietly(applied) ? inventory.get(hostId).orElse(null) : null;
        } finally {
            inventory.forget(eventId);
        }
    }

    private static boolean awaitQuietly(CompletableFuture<Void> applied) throws InterruptedException {
        try {
            applied.get(VIEW_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    private static ResponseEntity<?> notFound(String hostId) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no host '" + hostId
                + "'; GET /api/v1/hosts lists the known hosts");
        detail.setTitle("unknown host");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(detail);
    }

    private static ProblemDetail invalid(String title, List<Problem> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problems.size()
                + " problem(s): " + String.join("; ", problems.stream().map(Problem::toString).toList()));
        detail.setTitle(title);
        detail.setProperty("problems", problems);
        return detail;
    }
}
