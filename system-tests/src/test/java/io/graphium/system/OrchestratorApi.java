package io.graphium.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The orchestrator's REST API as a test client sees it: deploy a stack, read it, await its status. */
final class OrchestratorApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String baseUrl;

    OrchestratorApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /api/v1/stacks} with a JSON-LD stack definition; the answer as it came (202 when accepted). */
    HttpResponse<String> deploy(String definition) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/stacks"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(definition)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/v1/stacks/{id}}'s body. */
    String stack(String stackId) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/stacks/" + stackId))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits until the stack shows {@code expected}; fails at once, with the stack's view, if it FAILED instead. */
    String awaitStatus(String stackId, String expected, Duration deadline) {
        return await(stackId + " " + expected).atMost(deadline).pollInterval(Duration.ofMillis(250))
                .ignoreException(IOException.class).until(() -> stack(stackId), body -> {
                    if (!expected.equals("FAILED") && body.contains("\"status\":\"FAILED\"")) {
                        throw new AssertionError(stackId + " FAILED: " + body);
                    }
                    return body.contains("\"status\":\"" + expected + "\"");
                });
    }

    /** A one-container stack: busybox httpd answering {@code name} on {@code hostPort} (offline test image). */
    static String webStack(String name, int hostPort) {
        return """
                {
                  "@context": "https://schema.org",
                  "@type": "ItemList",
                  "name": "%1$s",
                  "itemListElement": [{
                    "@type": "SoftwareApplication",
                    "name": "web",
                    "image": "graphium/busybox:1",
                    "ports": [{"containerPort": 80, "hostPort": %2$d}],
                    "command": ["sh", "-c", "echo %1$s > /www/index.html && exec httpd -f -p 80 -h /www"]
                  }]
                }""".formatted(name, hostPort);
    }
}
