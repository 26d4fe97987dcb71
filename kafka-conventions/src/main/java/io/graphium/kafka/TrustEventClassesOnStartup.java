package io.graphium.kafka;

import io.graphium.events.TrustedEventClasses;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/** Runs before any bean exists, so Avro trusts our event classes before a listener or builder touches them. */
public class TrustEventClassesOnStartup implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        TrustedEventClasses.register();
    }
}
