package io.graphium.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.graphium.infra.ArchitectureRules;
import io.graphium.orchestrator.core.StackDefinitionParser;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's layers, by the shared {@link ArchitectureRules}: the REST API ({@code api}) and the Kafka
 * Streams topology ({@code kafka}) are edges that decode and call the application layer ({@code application}), which
 * applies the pure core ({@code core}). The API reaches Kafka only through application interfaces
 * ({@code StackService.CommandBus}, {@code StackService.ReadModel}, {@code DryRunPlacement}) that the Kafka adapters
 * implement.
 */
class ArchitectureTest {

    private static final String SERVICE = "io.graphium.orchestrator";
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(SERVICE);

    @Test
    void theCoreIsPure() {
        ArchitectureRules.pureCore(SERVICE).check(CLASSES);
    }

    @Test
    void onlyTheParserOfTheCoreKnowsJackson() {
        noClasses().that().resideInAPackage(SERVICE + ".core..")
                .and().doNotHaveFullyQualifiedName(StackDefinitionParser.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }

    /**
     * The API uses the application layer and the core, never the Kafka adapters; the application layer only the
     * core; the core nothing else of the service (and {@link #theCoreIsPure} nothing of the edges either).
     */
    @Test
    void layersUseOnlyTheLayersBelowThem() {
        ArchitectureRules.layers(SERVICE, "api", "kafka", "application", "core")
                .whereLayer("api").mayOnlyAccessLayers("application", "core")
                .whereLayer("application").mayOnlyAccessLayers("core")
                .whereLayer("core").mayNotAccessAnyLayer()
                .check(CLASSES);
    }
}
