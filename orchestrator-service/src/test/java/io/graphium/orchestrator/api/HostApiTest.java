package io.graphium.orchestrator.api;

import io.graphium.orchestrator.OrchestratorOverKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.HostStatusChanged;
import io.graphium.events.HostUsage;
import io.graphium.events.RegistrationSource;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host inventory API over a real broker: agents' heartbeats (played by the test) and a manual registration show
 * up in GET; an operator's maintenance override is published on the admin topic and wins over the agent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "graphium.orchestrator.host-ttl=5m")
@GraphiumKafkaTest
class HostApiTest extends OrchestratorOverKafka {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();


    private TestEventClient events;

    @BeforeEach
    void clients() {
        events = TestEventClient.reading(brokers, registry, List.of(Topics.HOSTS.name(), Topics.HOST_ADMIN.name()));
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void heartbeatsRegistrationAndMaintenanceOverride() throws Exception {
        heartbeat("agent-a", "10.1.0.1", "eu-1");
        heartbeat("agent-b", "10.1.0.2", "us-1");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(get("/api/v1/hosts")).findValuesAsString("id"))
                .contains("agent-a", "agent-b"));
        JsonNode a = json(get("/api/v1/hosts/agent-a"));
        assertThat(a.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(a.get("source").asString()).isEqualTo("AGENT");
        assertThat(a.get("usage").get("containersRunning").asInt()).isEqualTo(2);

        HttpResponse<String> created = send("POST", "/api/v1/hosts", """
                {"id": "rack7", "name": "rack 7 node", "ipAddress": "10.7.0.3", "cpus": 16, "memory": "16Gi",
                 "datacenter": "eu-1", "labels": {"disk": "ssd"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/hosts/rack7");
        JsonNode rack = json(created);
        assertThat(rack.get("memoryBytes").asLong()).isEqualTo(16L << 30);
        assertThat(rack.get("source").asString()).isEqualTo("MANUAL");
        assertThat(rack.get("status").asString()).isEqualTo("ACTIVE");
        HostRegistered registered = (HostRegistered) awaitRecord(r -> r.key().equals("rack7")
                && r.value() instanceof HostRegistered);
        assertThat(registered.getSource()).isEqualTo(RegistrationSource.MANUAL);
        assertThat(registered.getHost().getLabels()).containsEntry("disk", "ssd");

        HttpResponse<String> conflict = send("POST", "/api/v1/hosts", """
                {"id": "agent-b", "ipAddress": "10.1.0.2", "cpus": 4, "memoryBytes": 1000000}""");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("registered by its agent");

        HttpResponse<String> maintenance = send("PUT", "/api/v1/hosts/agent-a/status",
                "{\"status\": \"maintenance\", \"reason\": \"kernel upgrade\"}");
        assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(200);
        assertThat(json(maintenance).get("status").asString()).isEqualTo("MAINTENANCE");
        HostStatusChanged change = (HostStatusChanged) awaitRecord(r -> r.topic().equals(Topics.HOST_ADMIN.name())
                && r.key().equals("agent-a"));
        assertThat(change.getStatus()).isEqualTo(HostStatus.MAINTENANCE);
        assertThat(change.getReason()).isEqualTo("kernel upgrade");

        heartbeat("agent-a", "10.1.0.1", "eu-1"); // the agent still says ACTIVE: the override wins
        JsonNode after = json(get("/api/v1/hosts/agent-a"));
        assertThat(after.get("status").asString()).isEqualTo("MAINTENANCE");
        assertThat(after.get("reportedStatus").asString()).isEqualTo("ACTIVE");
        assertThat(after.get("override").get("reason").asString()).isEqualTo("kernel upgrade");

        assertThat(json(get("/api/v1/hosts?status=maintenance")).findValuesAsString("id"))
                .containsExactly("agent-a");
        assertThat(json(get("/api/v1/hosts?datacenter=eu-1")).findValuesAsString("id"))
                .containsExactly("agent-a", "rack7");
        assertThat(get("/api/v1/hosts?status=sleepy").statusCode()).isEqualTo(400);

        HttpResponse<String> offline = send("PUT", "/api/v1/hosts/rack7/status", "{\"status\": \"OFFLINE\"}");
        assertThat(json(offline).get("status").asString()).isEqualTo("OFFLINE");
        HttpResponse<String> active = send("PUT", "/api/v1/hosts/rack7/status", "{\"status\": \"active\"}");
        assertThat(json(active).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(json(active).get("override").isNull()).isTrue();

        assertThat(send("PUT", "/api/v1/hosts/nowhere/status", "{\"status\": \"active\"}").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/hosts/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void aBadRegistrationIsRefusedWithEveryProblemAndItsPath() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/hosts", """
                {"id": "bad id!", "ipAddress": "999.1.1.1", "cpus": "many", "memory": "16GB",
                 "labels": {"tier": 1}, "status": "sleeping", "colour": "red"}""");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("title").asString()).isEqualTo("invalid host registration");
        assertThat(body.get("problems").findValuesAsString("path")).containsExactlyInAnyOrder("$.colour", "$.id",
                "$.ipAddress", "$.cpus", "$.memory", "$.labels.tier", "$.status");

        HttpResponse<String> badStatus = send("PUT", "/api/v1/hosts/x/status", "{\"status\": \"asleep\"}");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(json(badStatus).get("problems").findValuesAsString("path")).containsExactly("$.status");
    }

    private void heartbeat(String id, String ip, String datacenter) throws Exception {
        HostHeartbeat heartbeat = HostHeartbeat.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setStatus(HostStatus.ACTIVE)
                .setHost(HostDescription.newBuilder().setHostId(id).setName(id).setIpAddress(ip).setCpus(8)
                        .setMemoryBytes(32L << 30).setDatacenter(datacenter).setLabels(Map.of())
                        .setAgentVersion("test").setDockerVersion("27.0").build())
                .setUsage(HostUsage.newBuilder().setCpuUsedCores(0.5).setMemoryUsedBytes(1L << 30)
                        .setContainersRunning(2).build())
                .build();
        reports(id);
        events.send(Topics.hostReports(id), id, heartbeat);
    }

    private static HostHeartbeat heartbeatOf(String id) {
        return HostHeartbeat.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setStatus(HostStatus.ACTIVE)
                .setHost(HostDescription.newBuilder().setHostId(id).setName(id).setIpAddress("10.1.0.9").setCpus(8)
                        .setMemoryBytes(32L << 30).setLabels(Map.of()).setAgentVersion("test")
                        .setDockerVersion("27.0").build())
                .setUsage(HostUsage.newBuilder().setCpuUsedCores(0.5).setMemoryUsedBytes(1L << 30)
                        .setContainersRunning(0).build())
                .build();
    }

    /**
     * An agent can write only its own reports topic; what it claims there about another host, or a manual
     * registration it slips in, is dead-lettered with the reason, and the host's next honest heartbeat is applied.
     */
    @Test
    void aReportClaimingAnotherHostGoesToTheDeadLetterTopicAndTheConsumerMovesOn() throws Exception {
        reports("agent-x");
        Topic reports = Topics.hostReports("agent-x");
        events.send(reports, "victim", heartbeatOf("victim"));
        events.send(reports, "agent-x", io.graphium.events.HostRegistered.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setHost(heartbeatOf("agent-x").getHost()).setStatus(HostStatus.ACTIVE)
                .setSource(io.graphium.events.RegistrationSource.MANUAL).build());
        events.send(reports, "agent-x", heartbeatOf("agent-x"));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(get("/api/v1/hosts")).findValuesAsString("id"))
                .contains("agent-x"));
        assertThat(get("/api/v1/hosts/victim").statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/hosts/agent-x")).get("source").asString()).isEqualTo("AGENT");
        try (TestEventClient deadLetters = TestEventClient.reading(brokers, registry,
                List.of(reports.deadLetterTopic()))) {
            for (String why : List.of("processing graphium.host.reports.agent-x-0@0 failed: HostHeartbeat claims "
                            + "host 'victim' on the reports topic of host 'agent-x'",
                    "processing graphium.host.reports.agent-x-0@1 failed: HostRegistered with source MANUAL on the "
                            + "reports topic of host 'agent-x': only the host's agent registers there (manual "
                            + "registrations go through the orchestrator)")) {
                deadLetters.awaitRecord(r -> why.equals(reason(r)), DEADLINE);
            }
        }
    }

    private static String reason(ConsumerRecord<String, SpecificRecord> record) {
        var header = record.headers().lastHeader(io.graphium.kafka.DeadLetters.REASON_HEADER);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private SpecificRecord awaitRecord(Predicate<ConsumerRecord<String, SpecificRecord>> match) {
        return events.awaitRecord(match, DEADLINE).value();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
