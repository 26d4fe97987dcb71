package io.graphium.kafka.test;

import io.graphium.infra.SchemaRegistryProcess;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points {@code graphium.kafka.registry-url} at the JVM's shared registry process, starting it on first use. */
public class SharedRegistryInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("graphium-test-registry",
                Map.of("graphium.kafka.registry-url", SchemaRegistryProcess.shared().url())));
    }
}
