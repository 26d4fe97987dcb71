package io.graphium.orchestrator.kafka;

import io.graphium.orchestrator.OrchestratorOverKafka;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.infra.MachineTools;
import io.graphium.kafka.test.GraphiumKafkaTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Python snippet of {@code docs/events.md}, run as written with Debian's python3-confluent-kafka against a real
 * broker and registry: a non-Java Confluent client reads the status stream through the registry's Confluent API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class EventsDocumentationTest extends OrchestratorOverKafka {

    private static final Path DOC = Path.of("..", "docs", "events.md");


    @Test
    void thePythonSnippetReadsTheStatusStreamThroughTheConfluentApi() throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/stacks?stackId=docs-demo"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        StackOperationsFlowTest.WAVES)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/stacks/docs-demo")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"PLACING\""));

        MachineTools.requirePythonModule("avro", "python3-avro");
        String python3 = MachineTools.requirePythonModule("confluent_kafka", "python3-confluent-kafka").toString();
        Process python = new ProcessBuilder(python3, "-c", snippet(), brokers, registry + "/apis/ccompat/v7")
                .redirectErrorStream(true).start();
        assertThat(python.waitFor(90, TimeUnit.SECONDS)).as("the snippet ends once the topic is read").isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).as("needs python3-confluent-kafka and python3-avro").contains("docs-demo PLACING version 1");
    }

    private static String snippet() throws Exception {
        Matcher code = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(code.find()).as("a python block in " + DOC).isTrue();
        return code.group(1);
    }
}
