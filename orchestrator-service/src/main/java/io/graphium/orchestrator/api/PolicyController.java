package io.graphium.orchestrator.api;

import io.graphium.admission.AdmissionPolicy;
import io.graphium.orchestrator.admission.StackAdmission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/policy}: the admission policy in effect (defaults filled in), as {@code graphium.admission.*} set it. */
@RestController
public class PolicyController {

    private final StackAdmission admission;

    public PolicyController(StackAdmission admission) {
        this.admission = admission;
    }

    @GetMapping("/api/v1/policy")
    public AdmissionPolicy policy() {
        return admission.policy();
    }
}
