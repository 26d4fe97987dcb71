package io.graphium.orchestrator;

import java.net.http.HttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every test of the whole orchestrator on a real broker needs (subclasses carry {@code @SpringBootTest} with
 * a random port and {@code @GraphiumKafkaTest}): its HTTP port, the broker and registry addresses, an HTTP client.
 */
public abstract class OrchestratorOverKafka {

    @LocalServerPort
    protected int port;
    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;
    @Value("${graphium.kafka.registry-url}")
    protected String registry;

    protected final HttpClient http = HttpClient.newHttpClient();
}
