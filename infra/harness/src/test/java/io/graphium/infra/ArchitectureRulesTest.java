package io.graphium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.graphium.infra.archfixture.api.Controller;
import io.graphium.infra.archfixture.core.PureLogic;
import io.graphium.infra.archfixture.core.UsesItsAdapter;
import io.graphium.infra.archfixture.core.UsesKafka;
import io.graphium.infra.archfixture.kafka.Adapter;
import org.junit.jupiter.api.Test;

/** The shared rules catch what they are for, and pass what they must pass. */
class ArchitectureRulesTest {

    private static final String SERVICE = "io.graphium.infra.archfixture";

    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void aCoreUsingOnlyTheJdkAndItselfIsPure() {
        assertThatCode(() -> ArchitectureRules.pureCore(SERVICE).check(classes(PureLogic.class, Adapter.class)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ArchitectureRules.pure(SERVICE + ".core").check(classes(PureLogic.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void aCoreUsingKafkaOrItsOwnAdapterIsNot() {
        EvaluationResult kafka = ArchitectureRules.pureCore(SERVICE).evaluate(classes(UsesKafka.class));
        assertThat(kafka.hasViolation()).isTrue();
        assertThat(kafka.getFailureReport().getDetails()).anyMatch(line -> line.contains("org.apache.kafka"));
        EvaluationResult adapter = ArchitectureRules.pureCore(SERVICE).evaluate(classes(UsesItsAdapter.class,
                Adapter.class, PureLogic.class));
        assertThat(adapter.getFailureReport().getDetails()).singleElement().asString().contains("Adapter");
        assertThat(ArchitectureRules.pure(SERVICE + ".core").evaluate(classes(UsesKafka.class)).hasViolation())
                .isTrue();
    }

    @Test
    void aLayerUsesOnlyTheLayersItMay() {
        JavaClasses classes = classes(Controller.class, Adapter.class, PureLogic.class);
        assertThat(ArchitectureRules.layers(SERVICE, "api", "kafka", "core").whereLayer("api")
                .mayOnlyAccessLayers("core").evaluate(classes).hasViolation()).isTrue();
        assertThat(ArchitectureRules.layers(SERVICE, "api", "kafka", "core").whereLayer("api")
                .mayOnlyAccessLayers("core").ignoreDependency(Controller.class, Adapter.class).evaluate(classes)
                .hasViolation()).as("with the one dependency ignored").isFalse();
        assertThat(ArchitectureRules.layers(SERVICE, "api", "kafka", "core").whereLayer("api")
                .mayOnlyAccessLayers("kafka").evaluate(classes).hasViolation()).isFalse();
    }
}
