package io.graphium.infra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs real infrastructure on this machine. Where it is missing (a laptop without Docker or
 * root) the test is skipped with a loud message; with {@code GRAPHIUM_REQUIRE_INFRA=true} (set by {@code .ci/run})
 * a missing piece fails the test instead, so CI can never pass by skipping.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(InfraCondition.class)
public @interface RequiresInfra {

    /** What the test needs. */
    Capability[] value();

    enum Capability {
        /** A Docker daemon answering on the default socket (for building and loading test images). */
        DOCKER,
        /** Root, iproute2 network namespaces, dockerd: what {@code infra/bin/testbed up} needs. */
        TESTBED,
        /** A JDK able to build and run the registry and broker processes (always true where Maven runs). */
        JAVA_PROCESSES
    }
}
