package io.graphium.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.graphium.infra.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The agent's shape, by the shared {@link ArchitectureRules}: a pure core (container lifecycle, reconciliation,
 * health, diagnosis) behind a narrow {@code ContainerRuntime}, and three adapters around it that know only the core:
 * docker-java ({@code docker}), Kafka ({@code kafka}) and the network health probes ({@code probe}).
 */
class ArchitectureTest {

    private static final String SERVICE = "io.graphium.agent";
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(SERVICE);

    @Test
    void theCoreIsPure() {
        ArchitectureRules.pureCore(SERVICE).check(CLASSES);
    }

    @Test
    void adaptersUseTheCoreNotEachOther() {
        ArchitectureRules.layers(SERVICE, "core", "docker", "kafka", "probe")
                .whereLayer("docker").mayOnlyAccessLayers("core")
                .whereLayer("kafka").mayOnlyAccessLayers("core")
                .whereLayer("probe").mayOnlyAccessLayers("core")
                .whereLayer("core").mayNotAccessAnyLayer()
                .check(CLASSES);
    }
}
