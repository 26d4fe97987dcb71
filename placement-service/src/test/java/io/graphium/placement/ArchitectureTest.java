package io.graphium.placement;

import io.graphium.infra.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The placement service's shape, by the shared {@link ArchitectureRules}: a pure core (filters, scorers, pipeline,
 * inventory, model) and the Kafka adapter around it. The core uses neither the adapter nor any framework.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("io.graphium.placement");

    @Test
    void theCoreIsPure() {
        ArchitectureRules.pureCore("io.graphium.placement").check(CLASSES);
    }
}
