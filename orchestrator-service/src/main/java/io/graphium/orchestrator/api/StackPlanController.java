package io.graphium.orchestrator.api;

import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.application.DryRunPlacement;
import io.graphium.orchestrator.application.StackService;
import io.graphium.orchestrator.core.ParseResult;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.PlacementRequest;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle;
import io.graphium.orchestrator.core.lifecycle.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/stacks/plan}: the placement a definition would get now, with the placement service's reasons,
 * changing nothing. Takes the same body as a deploy and refuses it with the same problems. The request built is the
 * one a deploy would send ({@link StackLifecycle#deployRequested}), marked {@code dryRun}, under a fresh command id:
 * the placement service reserves nothing for it, and the orchestrator's deployment listener ignores its answer.
 */
@RestController
@RequestMapping("/api/v1/stacks")
public class StackPlanController {

    private final DryRunPlacement placement;
    private final Clock clock;
    private final Duration timeout;
    private final StackAdmission admission;

    public StackPlanController(DryRunPlacement placement, Clock clock,
                               @Value("${graphium.orchestrator.plan-timeout:10s}") Duration timeout,
                               StackAdmission admission) {
        this.placement = placement;
        this.admission = admission;
        this.clock = clock;
        this.timeout = timeout;
    }

    @PostMapping(path = "/plan", consumes = {"application/json", "application/ld+json"})
    public ResponseEntity<?> plan(@RequestBody String body, @RequestParam(required = false) String stackId)
            throws Exception {
        ParseResult parsed = admission.parseValidateAndAdmit(body);
        if (!parsed.problems().isEmpty()) {
            return ResponseEntity.badRequest().body(StackController.invalid(parsed.problems()));
        }
        StackDefinition definition = parsed.definition();
        String id = stackId != null ? stackId : StackService.slug(definition.name());
        if (!StackService.STACK_ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().body(StackController.invalid(List.of(new Problem("stackId", "'" + id
                    + "' is not a valid stack id: use 1-63 lower-case letters, digits and '-', starting with a letter "
                    + "or digit"))));
        }
        long started = System.nanoTime();
        if (!placement.awaitListening(timeout)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "not ready", "the orchestrator is not yet listening for "
                    + "placement results; try again in a moment");
        }
        Instant now = clock.instant();
        Transition transition = StackLifecycle.deployRequested("plan-" + UUID.randomUUID(), id, definition, List.of(),
                StackLifecycle.DeployOptions.DEFAULTS, now, null);
        PlacementRequest request = transition.commands().stream().filter(PlacementRequest.class::isInstance)
                .map(PlacementRequest.class::cast).findFirst().orElseThrow(() -> new IllegalStateException(
                        "no placement request for a valid definition: " + transition.note()));
        Optional<DryRunPlacement.Answer> answer = placement.ask(request, now,
                timeout.minusNanos(System.nanoTime() - started));
        if (answer.isEmpty()) {
            return problem(HttpStatus.GATEWAY_TIMEOUT, "placement service did not answer", "the placement service "
                    + "did not answer the dry run within " + timeout.toMillis() / 1000.0 + " s; is it running? "
                    + "(command " + request.commandId() + ")");
        }
        return ResponseEntity.ok(PlanView.of(answer.get(), definition.location()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
