package io.graphium.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator's REST API ({@code /api/v1/stacks}) over {@link HttpClient}. Every call has a connect and a
 * request timeout, so a hung server never hangs the CLI. Answers the API documents come back as values; anything
 * else (unreachable, timeout, an unexpected status or body) is an {@link ApiException} naming the URL.
 */
public final class OrchestratorClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int BODY_EXCERPT = 300;

    private final String baseUrl;
    private final HttpClient http;

    /** @param server the orchestrator's base URL, e.g. {@code http://127.0.0.1:8080} */
    public OrchestratorClient(URI server) {
        this.baseUrl = server.toString().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** {@code POST /api/v1/stacks[?stackId=]} with the stack definition file's content. */
    public DeployOutcome deploy(String definition, String stackId) {
        URI uri = URI.create(baseUrl + "/api/v1/stacks"
                + (stackId == null ? "" : "?stackId=" + URLEncoder.encode(stackId, StandardCharsets.UTF_8)));
        HttpRequest request = request(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(definition, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(request);
        return switch (response.statusCode()) {
            case 202 -> {
                JsonNode json = parse(response);
                yield new DeployOutcome.Accepted(read(response, json, StackView.class), json);
            }
            case 400, 409 -> {
                JsonNode json = parse(response);
                yield new DeployOutcome.Rejected(read(response, json, Problem.class), json);
            }
            default -> throw unexpected(response);
        };
    }

    /** {@code GET /api/v1/stacks/{id}}; empty when the orchestrator knows no such stack (404). */
    public Optional<ApiResponse<StackView>> stack(String stackId) {
        URI uri = URI.create(baseUrl + "/api/v1/stacks/" + pathSegment(stackId));
        HttpResponse<String> response = send(request(uri).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode json = parse(response);
        return Optional.of(new ApiResponse<>(read(response, json, StackView.class), json));
    }

    /** {@code GET /api/v1/stacks}. */
    public ApiResponse<List<StackView>> stacks() {
        HttpResponse<String> response = send(request(URI.create(baseUrl + "/api/v1/stacks")).GET().build());
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode json = parse(response);
        StackView[] stacks = read(response, json, StackView[].class);
        return new ApiResponse<>(List.of(stacks), json);
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        String call = request.method() + " " + request.uri();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiException("cannot reach the orchestrator: " + call + " failed (" + describe(e)
                    + "); is it running? Point the CLI at it with --server URL or GRAPHIUM_SERVER", e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(call + " got no answer within " + REQUEST_TIMEOUT.toSeconds() + "s", e);
        } catch (IOException e) {
            throw new ApiException(call + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(call + " was interrupted", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            throw unreadable(response, e);
        }
    }

    private static <T> T read(HttpResponse<String> response, JsonNode json, Class<T> type) {
        try {
            T value = Json.MAPPER.treeToValue(json, type);
            if (value == null) {
                throw new ApiException(describeCall(response) + " answered HTTP " + response.statusCode()
                        + " with an empty body");
            }
            return value;
        } catch (JacksonException e) {
            throw unreadable(response, e);
        }
    }

    private static ApiException unreadable(HttpResponse<String> response, JacksonException e) {
        return new ApiException(describeCall(response) + " answered HTTP " + response.statusCode()
                + " with a body the CLI cannot read (" + e.getOriginalMessage() + "): " + excerpt(response.body()), e);
    }

    /** A status the API does not document for this call: say which URL, which status, and the server's words. */
    private static ApiException unexpected(HttpResponse<String> response) {
        String said = excerpt(response.body());
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (json != null && json.hasNonNull("detail")) {
                said = json.get("detail").asString();
            }
        } catch (JacksonException notJson) {
            // keep the raw excerpt
        }
        return new ApiException(describeCall(response) + " answered HTTP " + response.statusCode()
                + (said.isEmpty() ? "" : ": " + said));
    }

    private static String describeCall(HttpResponse<String> response) {
        return response.request().method() + " " + response.request().uri();
    }

    private static String describe(Exception e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String excerpt(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.length() > BODY_EXCERPT ? line.substring(0, BODY_EXCERPT) + "..." : line;
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
