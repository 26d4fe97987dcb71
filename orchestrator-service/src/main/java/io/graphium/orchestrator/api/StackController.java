package io.graphium.orchestrator.api;

import io.graphium.orchestrator.application.StackService;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.Quantities;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle;
import io.graphium.orchestrator.core.lifecycle.StackStatus;
import io.graphium.orchestrator.security.Callers;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
 * {@code /api/v1/stacks}: deploy a stack definition (JSON-LD) and read its deployment. Decodes the request and calls
 * {@link StackService}, which writes the command to the stack commands topic (exactly as any other producer would)
 * and waits briefly for the orchestrator's decision: 202 with the stack once applied, 409 when refused, 202 with
 * status PENDING when the decision takes longer (it follows on the status stream).
 */
@RestController
@RequestMapping("/api/v1/stacks")
public class StackController {

    private final StackService stacks;

    public StackController(StackService stacks) {
        this.stacks = stacks;
    }

    /**
     * Deploys the definition in the body. {@code deadline} (a duration: "10m", "90s", seconds; default 5 min) is how
     * long it may take to reach RUNNING before it fails; {@code rollback=false} keeps what it started when it fails.
     */
    @PostMapping(consumes = {"application/json", "application/ld+json"})
    public ResponseEntity<?> deploy(@RequestBody String body, @RequestParam(required = false) String stackId,
                                    @RequestParam(required = false) String deadline,
                                    @RequestParam(defaultValue = "true") boolean rollback,
                                    Principal principal) throws Exception {
        Duration within = StackLifecycle.DeployOptions.DEFAULTS.deadline();
        if (deadline != null) {
            try {
                within = Quantities.duration(deadline);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body(invalid(List.of(new Problem("deadline", "deadline '"
                        + deadline + "' " + e.getMessage()))));
            }
        }
        try {
            return answer(stacks.deploy(body, stackId, new StackLifecycle.DeployOptions(rollback, within),
                    Callers.name(principal)), "deploy");
        } catch (StackService.Unsealable e) { // a secret and no sealing key: refused, never sent in clear
            return ResponseEntity.unprocessableEntity().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        }
    }

    @GetMapping("/{stackId}")
    public ResponseEntity<?> get(@PathVariable String stackId) {
        return stacks.get(stackId).<ResponseEntity<?>>map(d -> ResponseEntity.ok(StackView.of(d)))
                .orElseGet(() -> notFound(stackId));
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
        return ResponseEntity.ok(stacks.all().stream().map(StackView::of)
                .filter(v -> wanted == null || v.status().equals(wanted))
                .filter(v -> location == null || location.equalsIgnoreCase(v.location()))
                .sorted(Comparator.comparing(StackView::stackId)).toList());
    }

    /** Stop every container of the stack; it can be started again. */
    @PostMapping("/{stackId}/stop")
    public ResponseEntity<?> stop(@PathVariable String stackId, Principal principal) throws Exception {
        return answer(stacks.stop(stackId, Callers.name(principal)), "stop");
    }

    /** Start a stopped stack again, in dependency order. */
    @PostMapping("/{stackId}/start")
    public ResponseEntity<?> start(@PathVariable String stackId, Principal principal) throws Exception {
        return answer(stacks.start(stackId, Callers.name(principal)), "start");
    }

    /** Remove every container of the stack, and its own named volumes with {@code removeVolumes=true}. */
    @DeleteMapping("/{stackId}")
    public ResponseEntity<?> remove(@PathVariable String stackId,
                                    @RequestParam(defaultValue = "false") boolean removeVolumes, Principal principal)
            throws Exception {
        return answer(stacks.remove(stackId, removeVolumes, Callers.name(principal)), "remove");
    }

    private ResponseEntity<?> answer(StackService.Result result, String verb) {
        if (result instanceof StackService.Invalid invalid) {
            return ResponseEntity.badRequest().body(invalid(invalid.problems()));
        }
        if (result instanceof StackService.NotFound notFound) {
            return notFound(notFound.stackId());
        }
        if (result instanceof StackService.Refused refused) {
            ProblemDetail conflict = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.reason());
            conflict.setTitle("deploy".equals(verb) ? "stack already deployed" : "not possible in this state");
            conflict.setProperty("commandId", refused.commandId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(conflict);
        }
        if (result instanceof StackService.Accepted accepted) {
            return ResponseEntity.accepted().location(URI.create("/api/v1/stacks/" + accepted.stack().stackId()))
                    .body(StackView.of(accepted.stack()));
        }
        StackService.Sent sent = (StackService.Sent) result;
        StackView now = sent.definition() != null ? StackView.pending(sent.stackId(), sent.commandId(),
                sent.definition().name(), sent.definition().deployment().strategy().name().toLowerCase(),
                sent.definition().location(), sent.requestedAt())
                : stacks.get(sent.stackId()).map(StackView::of).orElse(null);
        return ResponseEntity.accepted().location(URI.create("/api/v1/stacks/" + sent.stackId())).body(now);
    }

    private static ResponseEntity<?> notFound(String stackId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "no stack '" + stackId + "'"));
    }

    static ProblemDetail invalid(List<Problem> problems) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problems.size()
                + " problem(s) in the stack definition");
        detail.setTitle("invalid stack definition");
        detail.setProperty("problems", problems);
        return detail;
    }
}
