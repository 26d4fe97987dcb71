package io.graphium.orchestrator;

import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import java.net.http.HttpClient;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    protected TopicProvisioner topics;

    protected final HttpClient http = HttpClient.newHttpClient();

    /** Makes sure host {@code hostId}'s reports topic exists, as its agent does at start. */
    protected void reports(String hostId) {
        topics.ensure(Topics.hostReports(hostId));
    }
}
