package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.Topics;
import io.graphium.kafka.acl.Principals;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system with Kafka security on (docs/security/kafka.md): a broker that speaks only SASL_SSL with
 * SCRAM-SHA-512 and allows nothing without an ACL, topics and ACLs provisioned from the access plan for the three
 * testbed hosts, and the orchestrator, the placement service and each agent connecting as their own principal. The
 * specification's my-app stack goes to RUNNING across the three hosts, stops and is removed; on the same live system
 * agent h1's credentials cannot write a stack command nor read another host's commands.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureDeploymentSystemTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private TestSystem system;

    @BeforeAll
    void startTheSecureSystem() {
        system = TestSystem.startSecure(3);
    }

    @AfterAll
    void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void deploysStopsAndRemovesAMultiHostStackThroughTheSecureBroker() throws Exception {
        assertThat(system.secure()).isTrue();
        // Ready processes are not yet a known inventory: deploy once placement can place on every host (a plan
        // goes through the placement service and reserves nothing), as an operator would after installing agents.
        List<String> hostIds = system.testbed.hosts().stream().map(TestbedHost::name).toList();
        await("placement can place on " + hostIds).atMost(DEADLINE).until(() -> {
            String plan = system.api().post("/api/v1/stacks/plan", myApp()).body();
            return plan.contains("\"feasible\":true") && hostIds.stream().allMatch(h -> plan.contains('"' + h + '"'));
        });
        long started = System.nanoTime();
        HttpResponse<String> accepted = system.api().post("/api/v1/stacks", myApp());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = system.api().awaitStatus("my-app", "RUNNING", DEADLINE);
        long toRunning = (System.nanoTime() - started) / 1_000_000;

        Map<String, String> hostOf = OrchestratorApi.placements(status);
        assertThat(new TreeSet<>(hostOf.values())).as("spread over all three hosts").hasSize(3);
        Map<String, Integer> ports = Map.of("web", 8080, "api", 3000, "postgres", 5432, "redis", 6379);
        for (var service : ports.entrySet()) {
            String ip = system.ipOf(hostOf.get(service.getKey()));
            assertThat(OrchestratorApi.fetch("http://" + ip + ":" + service.getValue() + "/"))
                    .as(service.getKey() + " on " + ip).contains(service.getKey());
        }
        System.out.printf("%nMEASURED request-to-RUNNING for the 4-container stack with Kafka security on "
                + "(SASL_SSL, SCRAM-SHA-512, ACLs): %d ms%n%n", toRunning);

        assertThat(system.api().post("/api/v1/stacks/my-app/stop", "").statusCode()).isEqualTo(202);
        system.api().awaitStatus("my-app", "STOPPED", DEADLINE);
        for (TestbedHost host : system.testbed.hosts()) {
            assertThat(host.docker("ps", "-q", "--filter", "label=io.graphium.stack=my-app").stdout())
                    .as("nothing of my-app runs on " + host.name()).isBlank();
        }

        assertThat(system.api().delete("/api/v1/stacks/my-app").statusCode()).isEqualTo(202);
        await("my-app removed").atMost(DEADLINE)
                .until(() -> system.api().get("/api/v1/stacks/my-app").statusCode() == 404);
        for (TestbedHost host : system.testbed.hosts()) {
            assertThat(host.docker("ps", "-aq", "--filter", "label=io.graphium.stack=my-app").stdout())
                    .as("containers of my-app left on " + host.name()).isBlank();
        }
        assertThat(system.api().history("my-app")).contains("\"status\":\"REMOVED\"");
        assertThat(system.serviceLogLinesContaining("AuthorizationException"))
                .as("no service was refused anything by the ACLs").isEmpty();
    }

    @Test
    @Order(2)
    void anAgentsCredentialsCannotWriteAStackCommandNorReadAnotherHostsCommands() {
        List<TestbedHost> hosts = system.testbed.hosts();
        String agent = Principals.agent(hosts.get(0).name());
        String otherHostsCommands = Topics.hostCommands(hosts.get(1).name()).name();

        Map<String, Object> producerSettings = new HashMap<>(system.kafkaSettings(agent));
        producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), "evil",
                    "deploy something")).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(Topics.STACK_COMMANDS.name()));
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(system.kafkaSettings(agent),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(otherHostsCommands, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(otherHostsCommands));
        }
    }

    private String myApp() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/my-app.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
