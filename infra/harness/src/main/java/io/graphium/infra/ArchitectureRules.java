package io.graphium.infra;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * Graphium's one set of architecture rules (ArchUnit), which every module's {@code ArchitectureTest} applies to its
 * own production classes: the pure parts (each service's {@code core}, the admission policy, the shared host rules)
 * use no framework, messaging, contract or Docker type; a core uses nothing else of its service; and a service's
 * layers and adapters depend on each other only the ways it allows ({@link #layers}).
 */
public final class ArchitectureRules {

    /**
     * What a pure part never uses: Spring, Kafka, Avro and its generated contracts, the schema registry's serde,
     * Graphium's Kafka conventions, docker-java, and Jakarta EE (servlets, validation, ...).
     */
    public static final String[] EDGES = {"org.springframework..", "org.apache.kafka..", "org.apache.avro..",
            "io.graphium.events..", "io.apicurio..", "io.graphium.kafka..", "com.github.dockerjava..", "jakarta.."};

    /** JSON libraries: a pure module has no JSON either (the orchestrator's core reads JSON in its parser only). */
    public static final String[] JSON = {"tools.jackson..", "com.fasterxml.jackson.."};

    private ArchitectureRules() {
    }

    /** The production classes of the packages under {@code rootPackage} (tests and jars left out). */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
    }

    /** {@code servicePackage.core..} uses none of the {@link #EDGES} and nothing of its service outside the core. */
    public static ArchRule pureCore(String servicePackage) {
        String core = servicePackage + ".core..";
        return noClasses().that().resideInAPackage(core)
                .should().dependOnClassesThat(resideInAnyPackage(EDGES)
                        .or(resideInAPackage(servicePackage + "..").and(not(resideInAPackage(core)))))
                .because("the core is pure logic: Spring, Kafka, Avro, Docker and the service's adapters sit at its"
                        + " edges (docs/architecture.md)");
    }

    /** {@code packageName..} (a whole pure module or package) uses none of the {@link #EDGES} and no {@link #JSON}. */
    public static ArchRule pure(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .should().dependOnClassesThat().resideInAnyPackage(EDGES).orShould().dependOnClassesThat()
                .resideInAnyPackage(JSON)
                .because("it is pure Java, so that every service applies exactly the same rules");
    }

    /**
     * The layers of a service, each {@code servicePackage.<name>..}, for the rules of which may use which
     * ({@code whereLayer("api").mayOnlyAccessLayers("application", "core")}); dependencies on classes outside the
     * layers named (other packages, libraries) are not judged here.
     */
    public static LayeredArchitecture layers(String servicePackage, String... names) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : names) {
            layers = layers.layer(name).definedBy(servicePackage + "." + name + "..");
        }
        return layers;
    }
}
