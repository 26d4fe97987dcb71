package io.graphium.kafka.test;

import io.graphium.infra.RequiresInfra;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring test of a Graphium service against real infrastructure: an in-JVM KRaft broker and the JVM's shared
 * schema registry process. Put it next to {@code @SpringBootTest}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EmbeddedKafka(partitions = 1)
@DirtiesContext
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@ContextConfiguration(initializers = SharedRegistryInitializer.class)
public @interface GraphiumKafkaTest {
}
