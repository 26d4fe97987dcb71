package io.graphium.admission;

import io.graphium.infra.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The policy stays pure Java, so the orchestrator and the agent apply exactly the same rules. */
class ArchitectureTest {

    @Test
    void usesNoFrameworkContractOrJson() {
        ArchitectureRules.pure("io.graphium.admission")
                .check(ArchitectureRules.productionClasses("io.graphium.admission"));
    }
}
