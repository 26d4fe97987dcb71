package io.graphium.hosts;

import io.graphium.infra.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The shared host rules are pure Java (no Avro either), so that placement's core can apply them. */
class ArchitectureTest {

    @Test
    void usesNoFrameworkOrContract() {
        ArchitectureRules.pure("io.graphium.hosts").check(ArchitectureRules.productionClasses("io.graphium.hosts"));
    }
}
