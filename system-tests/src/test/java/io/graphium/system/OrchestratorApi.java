package io.graphium.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The orchestrator's REST API as a test client sees it: deploy, read, await a status, history; plus any URL. */
final class OrchestratorApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String baseUrl;
    private final String token;

    /** Every call carries {@code token} as its bearer token (the orchestrator's API needs one). */
    OrchestratorApi(String baseUrl, ApiToken token) {
        this.baseUrl = baseUrl;
        this.token = token.token();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** {@code POST /api/v1/stacks} with a JSON-LD stack definition; the answer as it came (202 when accepted). */
    HttpResponse<String> deploy(String definition) throws IOException, InterruptedException {
        return post("/api/v1/stacks", definition);
    }

    /** {@code GET /api/v1/stacks/{id}}'s body. */
    String stack(String stackId) throws IOException, InterruptedException {
        return get("/api/v1/stacks/" + stackId).body();
    }

    /** Waits until the stack shows {@code expected}; fails at once, with its view and history, if it FAILED instead. */
    String awaitStatus(String stackId, String expected, Duration deadline) {
        return await(stackId + " " + expected).atMost(deadline).pollInterval(Duration.ofMillis(250))
                .ignoreException(IOException.class).until(() -> stack(stackId), body -> {
                    if (!expected.equals("FAILED") && body.contains("\"status\":\"FAILED\"")) {
                        throw new AssertionError(stackId + " FAILED: " + body + "\nhistory: " + history(stackId));
                    }
                    return body.contains("\"status\":\"" + expected + "\"");
                });
    }

    /** The stack's history as JSON, or why it could not be read (for failure messages). */
    String history(String stackId) {
        try {
            return get("/api/v1/stacks/" + stackId + "/history").body();
        } catch (IOException | InterruptedException e) {
            return "(history unavailable: " + e + ")";
        }
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path, Duration.ofSeconds(30)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path, Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path, Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any URL (a container's published port), with a short timeout. */
    static String fetch(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** container -> host id, from a stack's REST view. */
    static Map<String, String> placements(String stackView) {
        Map<String, String> hosts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"container\":\"([^\"]+)\",\"hostId\":\"([^\"]+)\"").matcher(stackView);
        while (m.find()) {
            hosts.put(m.group(1), m.group(2));
        }
        return hosts;
    }

    /**
     * The two-container stack of the kill -9 trials: db serves (and turns healthy) once {@code dbWaits} (a shell
     * command) has returned; app starts only then ({@code waitForHealthy}). Small resources, no host ports, so many
     * fit on the testbed at once.
     */
    static String appWaitingForDb(String name, String dbWaits) {
        return """
                {"name": "%1$s", "itemListElement": [
                  {"name": "db", "image": "graphium/busybox:1", "resources": {"cpu": "10m", "memory": "16Mi"},
                   "command": ["sh", "-c", "%2$s; echo ok > /www/index.html; exec httpd -f -p 5432 -h /www"],
                   "healthCheck": {"type": "command", "command": ["sh", "-c", "wget -q -O /dev/null http://127.0.0.1:5432/"],
                                   "interval": "1s", "timeout": "5s", "retries": 5}},
                  {"name": "app", "image": "graphium/busybox:1", "resources": {"cpu": "10m", "memory": "16Mi"},
                   "dependsOn": [{"name": "db", "waitForHealthy": true}],
                   "command": ["sh", "-c", "mkdir -p /www; exec httpd -f -p 3000 -h /www"]}
                ]}""".formatted(name, dbWaits);
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
