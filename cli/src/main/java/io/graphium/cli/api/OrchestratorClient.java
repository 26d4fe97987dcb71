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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The orchestrator's REST API ({@code /api/v1/stacks}, {@code /api/v1/hosts}) over {@link HttpClient}. Every call
 * has a connect and a request timeout, so a hung server never hangs the CLI. Answers the API documents come back as
 * values ({@link Submission} for writes: accepted, or rejected with a problem); anything else (unreachable, timeout,
 * an unexpected status or body) is an {@link ApiException} naming the URL.
 */
public final class OrchestratorClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Plan waits for the placement service (the orchestrator's own deadline is 10 s by default). */
    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration SSE_RETRY = Duration.ofMillis(500);
    private static final int BODY_EXCERPT = 300;
    /** 4xx answers that carry a problem the user can act on. */
    private static final Set<Integer> REJECTIONS = Set.of(400, 404, 409, 422);

    private final String baseUrl;
    private final HttpClient http;
    private final Duration sseRetry;
    private final String token;

    /** @param server the orchestrator's base URL, e.g. {@code http://127.0.0.1:8080} */
    public OrchestratorClient(URI server) {
        this(server, SSE_RETRY, null);
    }

    /**
     * @param sseRetry first pause before reconnecting a dropped event stream (tests shorten it)
     * @param token    the bearer token sent with every call, or null
     */
    public OrchestratorClient(URI server, Duration sseRetry, String token) {
        this.baseUrl = server.toString().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.sseRetry = sseRetry;
        this.token = token;
    }

    /**
     * {@code POST /api/v1/stacks[?stackId=&deadline=&rollback=]}: 202 with the PENDING stack, or 400/409. The
     * deployment fails unless RUNNING within {@code deadline} (null: the orchestrator's default, 5 min), and then
     * keeps what it started unless {@code rollback}.
     */
    public Submission<StackView> deploy(String definition, String stackId, Duration deadline, boolean rollback) {
        HttpRequest request = postJson(uri("/api/v1/stacks", query("stackId", stackId,
                "deadline", deadline == null ? null : deadline.toMillis() + "ms",
                "rollback", rollback ? null : "false")), definition).timeout(REQUEST_TIMEOUT).build();
        return submit(request, StackView.class, 202);
    }

    /** {@code POST /api/v1/stacks/plan[?stackId=]}: the dry-run placement, or 400. */
    public Submission<PlanView> plan(String definition, String stackId) {
        HttpRequest request = postJson(uri("/api/v1/stacks/plan", query("stackId", stackId)), definition)
                .timeout(PLAN_TIMEOUT).build();
        return submit(request, PlanView.class, 200);
    }

    /** {@code GET /api/v1/stacks/{id}}; empty when the orchestrator knows no such stack (404). */
    public Optional<ApiResponse<StackView>> stack(String stackId) {
        return getOptional(uri("/api/v1/stacks/" + segment(stackId), Map.of()), StackView.class);
    }

    /** {@code GET /api/v1/stacks[?status=&location=]}; null filters are left out. */
    public ApiResponse<List<StackView>> stacks(String status, String location) {
        ApiResponse<StackView[]> stacks = get(uri("/api/v1/stacks", query("status", status, "location", location)),
                StackView[].class);
        return new ApiResponse<>(List.of(stacks.value()), stacks.json());
    }

    /** {@code POST /api/v1/stacks/{id}/stop}. */
    public Submission<JsonNode> stop(String stackId) {
        return submit(request(uri("/api/v1/stacks/" + segment(stackId) + "/stop", Map.of()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), JsonNode.class, 202, 200);
    }

    /** {@code POST /api/v1/stacks/{id}/start}. */
    public Submission<JsonNode> start(String stackId) {
        return submit(request(uri("/api/v1/stacks/" + segment(stackId) + "/start", Map.of()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), JsonNode.class, 202, 200);
    }

    /** {@code DELETE /api/v1/stacks/{id}?removeVolumes=}. */
    public Submission<JsonNode> remove(String stackId, boolean removeVolumes) {
        return submit(request(uri("/api/v1/stacks/" + segment(stackId),
                query("removeVolumes", String.valueOf(removeVolumes)))).DELETE().build(), JsonNode.class, 202, 200);
    }

    /** {@code GET /api/v1/stacks/{id}/history}, oldest first; empty for an unknown stack. */
    public Optional<ApiResponse<List<HistoryEntry>>> history(String stackId) {
        return getOptional(uri("/api/v1/stacks/" + segment(stackId) + "/history", Map.of()), HistoryEntry[].class)
                .map(h -> new ApiResponse<>(List.of(h.value()), h.json()));
    }

    /**
     * {@code GET /api/v1/stacks/{id}/events} as a stream that replays the stack's history, then goes live, and
     * resumes after {@code lastEventId} (when not null); empty for an unknown stack.
     */
    public Optional<EventStream> events(String stackId, String lastEventId) {
        return EventStream.open(http, token, uri("/api/v1/stacks/" + segment(stackId) + "/events", Map.of()), lastEventId,
                sseRetry);
    }

    /** {@code GET /api/v1/hosts[?status=&datacenter=]}. */
    public ApiResponse<List<HostView>> hosts(String status, String datacenter) {
        ApiResponse<HostView[]> hosts = get(uri("/api/v1/hosts", query("status", status, "datacenter", datacenter)),
                HostView[].class);
        return new ApiResponse<>(List.of(hosts.value()), hosts.json());
    }

    /** {@code POST /api/v1/hosts}: 201/200 with the host, 202 while the inventory catches up, or 400/409. */
    public Submission<JsonNode> registerHost(String registration) {
        return submit(postJson(uri("/api/v1/hosts", Map.of()), registration).timeout(REQUEST_TIMEOUT).build(),
                JsonNode.class, 200, 201, 202);
    }

    /** {@code PUT /api/v1/hosts/{id}/status}: 200 with the host, 202 while the inventory catches up, or 400/404. */
    public Submission<JsonNode> setHostStatus(String hostId, String change) {
        return submit(request(uri("/api/v1/hosts/" + segment(hostId) + "/status", Map.of()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(change, StandardCharsets.UTF_8)).build(),
                JsonNode.class, 200, 202);
    }

    private <T> ApiResponse<T> get(URI uri, Class<T> type) {
        HttpResponse<String> response = send(http, token, request(uri).GET().build(), stringBody());
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode json = parse(response);
        return new ApiResponse<>(read(response, json, type), json);
    }

    private <T> Optional<ApiResponse<T>> getOptional(URI uri, Class<T> type) {
        HttpResponse<String> response = send(http, token, request(uri).GET().build(), stringBody());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode json = parse(response);
        return Optional.of(new ApiResponse<>(read(response, json, type), json));
    }

    /** Accepted for one of {@code accepted}, rejected for a documented 4xx, an {@link ApiException} otherwise. */
    private <T> Submission<T> submit(HttpRequest request, Class<T> type, Integer... accepted) {
        HttpResponse<String> response = send(http, token, request, stringBody());
        int status = response.statusCode();
        if (List.of(accepted).contains(status)) {
            if (response.body() == null || response.body().isBlank()) {
                return new Submission.Accepted<>(null, MissingNode.getInstance());
            }
            JsonNode json = parse(response);
            return new Submission.Accepted<>(type == JsonNode.class ? type.cast(json) : read(response, json, type),
                    json);
        }
        if (REJECTIONS.contains(status)) {
            JsonNode json = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : parse(response);
            Problem problem = json.isObject() ? read(response, json, Problem.class)
                    : new Problem(null, status, null, null, List.of());
            if (problem.status() == 0) {
                problem = new Problem(problem.title(), status, problem.detail(), problem.message(),
                        problem.problems());
            }
            return new Submission.Rejected<>(problem, json);
        }
        throw unexpected(response);
    }

    private static HttpResponse.BodyHandler<String> stringBody() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
    }

    private static HttpRequest.Builder postJson(URI uri, String body) {
        return request(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** Sends, turning every transport failure into an {@link ApiException} that names the call and what to check. */
    static <T> HttpResponse<T> send(HttpClient http, String token, HttpRequest request,
                                    HttpResponse.BodyHandler<T> body) {
        String call = request.method() + " " + request.uri();
        if (token != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", "Bearer " + token).build();
        }
        try {
            HttpResponse<T> response = http.send(request, body);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw AccessDenied.of(call, response, token != null);
            }
            return response;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiException("cannot reach the orchestrator: " + call + " failed (" + describe(e)
                    + "); is it running? Point the CLI at it with --server URL or GRAPHIUM_SERVER", e);
        } catch (HttpTimeoutException e) {
            throw new ApiException(call + " got no answer within "
                    + request.timeout().orElse(REQUEST_TIMEOUT).toSeconds() + "s", e);
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
            } else if (json != null && json.hasNonNull("message")) {
                said = json.get("message").asString();
            }
        } catch (JacksonException notJson) {
            // keep the raw excerpt
        }
        return new ApiException(describeCall(response) + " answered HTTP " + response.statusCode()
                + (said.isEmpty() ? "" : ": " + said));
    }

    private static String describeCall(HttpResponse<?> response) {
        return response.request().method() + " " + response.request().uri();
    }

    private static String describe(Exception e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static String excerpt(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.length() > BODY_EXCERPT ? line.substring(0, BODY_EXCERPT) + "..." : line;
    }

    private URI uri(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    /** Query parameters from name/value pairs; null values are left out. */
    private static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return query;
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
