package io.graphium.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphium.events.SecretSealer;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackHistoryKind;
import io.graphium.events.StackStopRequested;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.kafka.test.TestEventClient;
import io.graphium.orchestrator.OrchestratorOverKafka;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the orchestrator serves (read from Spring's handler mappings, the application's and actuator's, so
 * a new endpoint cannot be forgotten) answers 401 without a token and with a wrong one, 403 with the role just below
 * the one {@link AccessRules} says it needs, and neither with that role. The table in docs/security/rest.md is the
 * table in the code. A cross-site form post (no Authorization header) is refused and publishes nothing; an
 * authorized write is attributed to the token's name, whatever the client claims.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class ApiAccessMatrixTest extends OrchestratorOverKafka {

    /** Where the table of endpoints and roles is documented (checked against {@link AccessRules#RULES}). */
    static final Path DOC = Path.of("..", "docs", "security", "rest.md");

    private static final Map<Role, String> TOKENS = Map.of(Role.READ, StaticTokens.newToken(),
            Role.DEPLOY, StaticTokens.newToken(), Role.ADMIN, StaticTokens.newToken());
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("graphium.security.enabled", () -> "true");
        registry.add("graphium.secrets.sealing-key", SecretSealer::newBase64Key);
        registry.add("graphium.security.tokens", () -> String.join(",",
                StaticTokens.line("ops-reader", Role.READ, TOKENS.get(Role.READ)),
                StaticTokens.line("ci-deployer", Role.DEPLOY, TOKENS.get(Role.DEPLOY)),
                StaticTokens.line("alice", Role.ADMIN, TOKENS.get(Role.ADMIN))));
    }

    @Autowired
    private ApplicationContext context;

    record Endpoint(HttpMethod method, String pattern) {

        /** A concrete path for the pattern: every variable is {@code x}. */
        String path() {
            return pattern.replaceAll("\\{\\*?[^}]+}", "x").replace("/**", "/x");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private List<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<HttpMethod> each = methods.isEmpty() ? List.of(HttpMethod.GET, HttpMethod.POST)
                        : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
                for (String pattern : info.getPatternValues()) {
                    each.forEach(m -> endpoints.add(new Endpoint(m, pattern)));
                }
            }
        }
        return List.copyOf(endpoints);
    }

    @Test
    void everyEndpointNeedsItsRole() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /api/v1/stacks",
                "GET /api/v1/events", "PUT /api/v1/hosts/{hostId}/status", "GET /actuator/health",
                "GET /actuator/info");
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Optional<Role> needed = AccessRules.required(endpoint.method(), endpoint.path());
            if (needed.isEmpty()) {
                expect(failures, endpoint, "no token", null, status -> status != 401 && status != 403);
                continue;
            }
            expect(failures, endpoint, "no token", null, status -> status == 401);
            expect(failures, endpoint, "unknown token", StaticTokens.newToken(), status -> status == 401);
            expect(failures, endpoint, "not a token", "not-a-jwt", status -> status == 401);
            Role role = needed.get();
            Optional<Role> below = role.below();
            if (below.isPresent()) {
                expect(failures, endpoint, below.get().id(), TOKENS.get(below.get()), status -> status == 403);
            }
            for (Role enough : Role.values()) {
                if (enough.compareTo(role) >= 0) {
                    expect(failures, endpoint, enough.id(), TOKENS.get(enough),
                            status -> status != 401 && status != 403 && status < 500);
                }
            }
        }
        assertThat(failures).as("endpoints answering other than the access table says").isEmpty();
    }

    @Test
    void refusalsAreProblemDocumentsWithABearerChallenge() throws Exception {
        HttpResponse<String> anonymous = send("POST", "/api/v1/hosts", null, "{}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer"));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/problem+json"));
        assertThat(anonymous.body()).contains("\"status\":401").contains("Authorization: Bearer");

        HttpResponse<String> wrongRole = send("POST", "/api/v1/hosts", TOKENS.get(Role.DEPLOY), "{}");
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(wrongRole.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("insufficient_scope"));
        assertThat(wrongRole.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/problem+json"));
        assertThat(wrongRole.body()).contains("needs the 'admin' role");

        String unknown = StaticTokens.newToken();
        HttpResponse<String> bad = send("GET", "/api/v1/stacks", unknown, null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).doesNotContain(unknown);
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /**
     * CSRF: a page on another site can make the browser post a form here, but it cannot add an Authorization header,
     * and no cookie authenticates anything. The form is refused and nothing reaches the command topic; the next
     * command there is the authorized one, attributed to its token's name although its body claims another.
     */
    @Test
    void aCrossSiteFormCannotChangeAnythingAndWritesAreAttributedToTheToken() throws Exception {
        try (TestEventClient commands = TestEventClient.reading(brokers, registry,
                List.of(Topics.STACK_COMMANDS.name())).joined(DEADLINE)) {
            String definition = Files.readString(Path.of("..", "examples", "my-app.json"));
            for (String path : List.of("/api/v1/stacks", "/api/v1/stacks/my-app/stop", "/api/v1/stacks/my-app")) {
                HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "https://evil.example")
                        .method(path.endsWith("my-app") ? "DELETE" : "POST", HttpRequest.BodyPublishers.ofString(
                                "definition=" + URLEncoder.encode(definition, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(form.statusCode()).as(path).isEqualTo(401);
            }
            String claimed = definition.replaceFirst("\\{", "{\"requestedBy\": \"somebody-else\",");
            HttpResponse<String> deploy = send("POST", "/api/v1/stacks?stackId=attributed", TOKENS.get(Role.DEPLOY),
                    claimed);
            assertThat(deploy.statusCode()).as(deploy.body()).isIn(202, 400);
            if (deploy.statusCode() == 400) { // the definition refuses unknown fields: send it as it is
                deploy = send("POST", "/api/v1/stacks?stackId=attributed", TOKENS.get(Role.DEPLOY), definition);
                assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
            }
            ConsumerRecord<String, SpecificRecord> authorized = commands.awaitRecord(r -> "attributed".equals(r.key()),
                    DEADLINE);
            assertThat(((StackDeployRequested) authorized.value()).getRequestedBy()).isEqualTo("ci-deployer");
            assertThat(authorized.headers().lastHeader(CommandAttribution.HEADER)).as("the orchestrator's mark")
                    .isNotNull();
            // One partition: everything published before the authorized deploy has been read by now.
            assertThatThrownBy(() -> commands.awaitRecord(r -> "my-app".equals(r.key()), Duration.ofMillis(200)))
                    .as("a command from the cross-site forms").isInstanceOf(ConditionTimeoutException.class);
        }
    }

    /**
     * The audit trail: a command from the REST API shows its principal as verified; one produced straight to Kafka
     * shows what its producer wrote, unverified.
     */
    @Test
    void historyShowsWhoAskedAndWhetherThatIsVerified() throws Exception {
        String definition = Files.readString(Path.of("..", "examples", "my-app.json"));
        HttpResponse<String> deploy = send("POST", "/api/v1/stacks?stackId=audited", TOKENS.get(Role.DEPLOY),
                definition);
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
        try (TestEventClient history = TestEventClient.reading(brokers, registry,
                List.of(Topics.STACK_HISTORY.name()))) {
            StackHistoryEvent requested = (StackHistoryEvent) history.awaitRecord(r -> r.value()
                    instanceof StackHistoryEvent e && e.getStackId().equals("audited")
                    && e.getKind() == StackHistoryKind.DEPLOY_REQUESTED, DEADLINE).value();
            assertThat(requested.getRequestedBy()).isEqualTo("ci-deployer");
            assertThat(requested.getRequestedByVerified()).isTrue();

            StackStopRequested forged = StackStopRequested.newBuilder().setCommandId("raw-1")
                    .setRequestedAt(java.time.Instant.now()).setRequestedBy("alice").setStackId("audited").build();
            history.send(Topics.STACK_COMMANDS, "audited", forged);
            // Accepted (STOP_REQUESTED) or refused because the stack is still being placed (COMMAND_REFUSED):
            // either way the history says who asked, and that nobody vouched for it.
            StackHistoryEvent stop = (StackHistoryEvent) history.awaitRecord(r -> r.value()
                    instanceof StackHistoryEvent e && e.getStackId().equals("audited")
                    && (e.getKind() == StackHistoryKind.STOP_REQUESTED
                    || e.getKind() == StackHistoryKind.COMMAND_REFUSED), DEADLINE).value();
            assertThat(stop.getRequestedBy()).isEqualTo("alice");
            assertThat(stop.getRequestedByVerified()).as("a raw producer's claim").isFalse();
        }
        org.awaitility.Awaitility.await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                send("GET", "/api/v1/stacks/audited/history", TOKENS.get(Role.READ), null).body())
                .contains("\"requestedBy\":\"ci-deployer\",\"requestedByVerified\":true")
                .contains("\"requestedBy\":\"alice\",\"requestedByVerified\":false"));
    }

    @Test
    void theDocumentedTableIsTheCodesTable() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf("<!-- access-rules:begin -->");
        int end = doc.indexOf("<!-- access-rules:end -->");
        assertThat(begin).as(DOC + " has the access-rules markers").isPositive();
        List<String> documented = new ArrayList<>();
        for (String line : doc.substring(begin, end).split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || cells[1].isBlank() || cells[1].contains("---") || cells[1].strip().equals("Method")) {
                continue;
            }
            documented.add(cells[1].strip() + " " + cells[2].strip().replace("`", "") + " " + cells[3].strip());
        }
        List<String> code = new ArrayList<>(AccessRules.RULES.stream().map(r -> (r.method() == null ? "any"
                : r.method().name()) + " " + r.pattern() + " " + r.roleId()).toList());
        code.add("any anything else " + AccessRules.DEFAULT.id());
        assertThat(documented).as("the table in " + DOC).containsExactlyElementsOf(code);
    }

    private interface StatusCheck {
        boolean ok(int status);
    }

    private void expect(List<String> failures, Endpoint endpoint, String as, String token, StatusCheck check)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + endpoint.path()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        boolean body = endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PUT;
        request.method(endpoint.method().name(), body ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody());
        // Streams (SSE) answer with their headers and then stay open: look at the status only.
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream ignored = response.body()) {
            if (!check.ok(response.statusCode())) {
                failures.add(endpoint + " as " + as + ": " + response.statusCode() + " (needs "
                        + AccessRules.required(endpoint.method(), endpoint.path()).map(Role::id).orElse("none") + ")");
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
