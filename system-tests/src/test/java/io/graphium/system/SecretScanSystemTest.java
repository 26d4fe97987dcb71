package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.ContainerDefinition;
import io.graphium.events.DeploymentSpec;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.PortMapping;
import io.graphium.events.StackDefinition;
import io.graphium.events.StackDeployRequested;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SecretScan;
import io.graphium.infra.TestbedHost;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, acceptance 5: a secret deployed through REST and one produced straight to Kafka in clear text (marked
 * {@code secret: true}) reach their containers in clear, and nowhere else: not in any record of any topic (raw
 * bytes, all partitions, keys, values, headers), not in any service log, not in any REST or SSE response of the
 * deployment, neither in clear nor as base64. The one allowed occurrence is the raw producer's own input record on
 * {@code graphium.stack.commands}: it wrote the value in clear itself, and the orchestrator seals it from there on.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
class SecretScanSystemTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String IMAGE = "graphium/busybox:1";
    private static final String REST_SECRET = "rest-pw-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current()
            .nextLong());
    private static final String RAW_SECRET = "raw-setting-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current()
            .nextLong());

    @Test
    void aSecretFromRestAndOneFromARawProducerAppearOnlyInTheirContainers() throws Exception {
        try (TestSystem system = TestSystem.start(1)) {
            OrchestratorApi api = system.api();
            Map<String, String> responses = new LinkedHashMap<>();
            List<SseCapture> streams = new ArrayList<>();
            streams.add(SseCapture.open(api.baseUrl() + "/api/v1/events"));

            HttpResponse<String> accepted = api.post("/api/v1/stacks?stackId=rest", """
                    {"name": "rest", "itemListElement": [{"name": "app", "image": "%s",
                      "ports": [{"containerPort": 80, "hostPort": 41080}],
                      "environment": {"DB_PASSWORD": "%s"},
                      "command": ["sh", "-c", "exec httpd -f -p 80 -h /www"]}]}""".formatted(IMAGE, REST_SECRET));
            responses.put("POST /api/v1/stacks?stackId=rest", accepted.body());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            RecordMetadata rawInput = rawDeploy(system);

            responses.put("GET /api/v1/stacks/rest (RUNNING)", api.awaitStatus("rest", "RUNNING", DEADLINE));
            responses.put("GET /api/v1/stacks/raw (RUNNING)", api.awaitStatus("raw", "RUNNING", DEADLINE));
            for (String stackId : List.of("rest", "raw")) {
                streams.add(SseCapture.open(api.baseUrl() + "/api/v1/stacks/" + stackId + "/events"));
                responses.put("GET /api/v1/stacks/" + stackId + "/history",
                        api.get("/api/v1/stacks/" + stackId + "/history").body());
            }
            for (String path : List.of("/api/v1/stacks", "/api/v1/hosts", "/api/v1/hosts/" + system.testbed.hosts()
                    .get(0).name(), "/actuator/health")) {
                responses.put("GET " + path, api.get(path).body());
            }

            // The containers did get the clear values (the agent opened them with its key ring).
            TestbedHost host = system.testbed.hosts().get(0);
            assertThat(host.docker("exec", "rest-app", "sh", "-c", "echo \"$DB_PASSWORD\"").stdout().strip())
                    .isEqualTo(REST_SECRET);
            assertThat(host.docker("exec", "raw-app", "sh", "-c", "echo \"$SETTINGS\"").stdout().strip())
                    .isEqualTo(RAW_SECRET);
            assertThat(host.docker("inspect", "-f", "{{json .Config.Env}}", "raw-app").stdout())
                    .contains("SETTINGS=" + RAW_SECRET);

            // The event streams have been open during the whole deployment; end them now.
            streams.forEach(s -> responses.put("SSE " + s.url, s.close()));
            assertThat(responses.get("SSE " + api.baseUrl() + "/api/v1/stacks/rest/events"))
                    .as("the stream replayed the deployment").contains("RUNNING");

            SecretScan scan = SecretScan.forValues(REST_SECRET, RAW_SECRET);
            scan.topics(Map.of("bootstrap.servers", system.kafka.bootstrapServers()), place ->
                    place.topic().equals(Topics.STACK_COMMANDS.name()) && place.partition() == rawInput.partition()
                            && place.offset() == rawInput.offset());
            scan.files(Path.of("target", "system-test-logs"));
            responses.forEach(scan::text);
            System.out.println(scan.report());

            assertThat(scan.findings()).as(scan.report()).isEmpty();
            assertThat(scan.allowedFindings()).as("the raw producer's input is the only clear copy")
                    .isNotEmpty().allSatisfy(f -> assertThat(f.where()).startsWith(Topics.STACK_COMMANDS.name()));
            assertThat(scan.counts().get("records")).isPositive();
            assertThat(scan.counts().get("files")).isPositive();
        }
    }

    /** A producer writing straight to Kafka, the secret in clear and marked {@code secret: true}. */
    private static RecordMetadata rawDeploy(TestSystem system) throws Exception {
        StackDefinition definition = StackDefinition.newBuilder().setName("raw")
                .setDeployment(DeploymentSpec.newBuilder().build())
                .setContainers(List.of(ContainerDefinition.newBuilder().setName("app").setImage(IMAGE)
                        .setPorts(List.of(PortMapping.newBuilder().setContainerPort(80).setHostPort(42080).build()))
                        .setEnvironment(List.of(EnvironmentVariable.newBuilder().setName("SETTINGS")
                                .setValue(RAW_SECRET).setSecret(true).build()))
                        .setCommand(List.of("sh", "-c", "exec httpd -f -p 80 -h /www")).build()))
                .build();
        StackDeployRequested command = StackDeployRequested.newBuilder().setCommandId(UUID.randomUUID().toString())
                .setRequestedAt(Instant.now()).setRequestedBy("system-test").setStackId("raw")
                .setDefinition(definition).build();
        try (KafkaProducer<String, SpecificRecord> producer =
                     KafkaClientSettings.newProducer(system.kafka.bootstrapServers(), system.registry.url())) {
            return producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), "raw", command)).get();
        }
    }

    /** An event stream read in the background from when it is opened until {@link #close()}. */
    private static final class SseCapture {

        private static final HttpClient HTTP = HttpClient.newHttpClient();
        final String url;
        private final StringBuffer received = new StringBuffer();
        private final Thread reader;
        private volatile InputStream body;

        private SseCapture(String url) {
            this.url = url;
            this.reader = new Thread(this::read, "sse " + url);
            reader.setDaemon(true);
            reader.start();
        }

        static SseCapture open(String url) {
            return new SseCapture(url);
        }

        private void read() {
            try {
                HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + TestSystem.TOKEN.token()).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                byte[] buffer = new byte[8192];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException | InterruptedException e) {
                received.append("\n(stream ended: ").append(e.getClass().getSimpleName()).append(")");
            }
        }

        /** Waits a moment for what is in flight, ends the stream and returns everything it carried. */
        String close() {
            try {
                reader.join(2000);
                if (body != null) {
                    body.close();
                }
                reader.interrupt();
                reader.join(2000);
            } catch (IOException | InterruptedException e) {
                received.append("\n(close: ").append(e).append(")");
            }
            return received.toString();
        }
    }
}
