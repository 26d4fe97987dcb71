package io.graphium.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.RegistryCredentials;
import io.graphium.agent.core.RegistryLogins;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StatusChange;
import io.graphium.agent.core.StopRequests;
import io.graphium.infra.RequiresInfra;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pulls through the real daemon from a registry played on 127.0.0.1 (Docker treats 127.0.0.0/8 as an insecure
 * registry, so plain HTTP): it asks for Basic credentials, checks them, and has no images, so every pull fails. That
 * is enough to see which credentials the daemon was given, how a refused pull reads, and the pull deadline.
 */
@RequiresInfra(RequiresInfra.Capability.DOCKER)
class AuthenticatedPullTest {

    static final String USER = "team";
    static final String SECRET = "s3cret-" + UUID.randomUUID();

    final String run = "host-agent-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final List<StatusChange> reported = new CopyOnWriteArrayList<>();
    volatile boolean stall;
    HttpServer registry;
    DockerClient client;
    String image;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.setExecutor(Executors.newCachedThreadPool());
        registry.createContext("/", this::answer);
        registry.start();
        image = "127.0.0.1:" + registry.getAddress().getPort() + "/" + run + "/app:1";
        client = LocalDaemon.connect();
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        registry.stop(0);
        LocalDaemon.removeContainersOf(client, run);
        client.close();
    }

    @Test
    void thePullSendsTheLoginOfTheImagesRegistryAndAMissingImageFailsClearly() {
        deploy(new RegistryCredentials("127.0.0.1:" + registry.getAddress().getPort(), USER, SECRET),
                Duration.ofSeconds(30));

        assertThat(authorizations).contains(basic(USER, SECRET));
        assertThat(failure()).startsWith("image " + image + " is not present on host h1 and could not be pulled: ")
                .endsWith(": manifest unknown");
        assertNothingLeft();
    }

    @Test
    void wrongCredentialsFailWithTheRegistrysAnswerAndNeverShowThePassword() {
        deploy(new RegistryCredentials(image.substring(0, image.indexOf('/')), USER, "wrong-" + SECRET),
                Duration.ofSeconds(30));

        assertThat(authorizations).contains(basic(USER, "wrong-" + SECRET)).doesNotContain(basic(USER, SECRET));
        assertThat(failure()).startsWith("image " + image + " is not present on host h1 and could not be pulled: ")
                .endsWith("unauthorized; the registry refused user team or gave it no access (login for "
                        + image.substring(0, image.indexOf('/')) + " in graphium.agent.registries)")
                .doesNotContain(SECRET);
        assertNothingLeft();
    }

    @Test
    void withoutALoginTheRegistrysRefusalIsReported() {
        deploy(null, Duration.ofSeconds(30));

        assertThat(authorizations).isEmpty();
        assertThat(failure()).endsWith("no basic auth credentials; if the repository is private, add a login for "
                + image.substring(0, image.indexOf('/')) + " (graphium.agent.registries)");
        assertNothingLeft();
    }

    @Test
    void aPullThatOutlastsItsDeadlineFailsWithTheDeadline() {
        stall = true;

        deploy(new RegistryCredentials("127.0.0.1:" + registry.getAddress().getPort(), USER, SECRET),
                Duration.ofSeconds(2));

        assertThat(failure()).startsWith("image " + image + " is not present on host h1 and could not be pulled: "
                + "the pull did not finish within 2 s (graphium.agent.pull-timeout)");
        assertNothingLeft();
    }

    private void deploy(RegistryCredentials login, Duration pullTimeout) {
        RegistryLogins logins = login == null ? RegistryLogins.none() : new RegistryLogins(List.of(login));
        var runtime = new DockerContainerRuntime(client, "0.0.0.0", Duration.ofSeconds(60), logins);
        var lifecycle = new ContainerLifecycle(runtime, reported::add, new StopRequests(), new SlotLocks(), "h1",
                pullTimeout);
        ContainerRef ref = new ContainerRef("gt" + run.substring(run.length() - 8), "d-1", "app");
        lifecycle.deploy(new ContainerRequest(ref, "c-1", ref.stackId() + "-app", image, List.of(), Map.of(),
                List.of(), List.of(), null, null, Map.of(LocalDaemon.TEST_LABEL, run)));
    }

    private String failure() {
        assertThat(reported).extracting(StatusChange::status).containsExactly(ContainerStatus.PULLING,
                ContainerStatus.FAILED);
        String message = reported.get(1).message();
        System.out.println("pull failure: " + message);
        return message;
    }

    private void assertNothingLeft() {
        assertThat(client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LocalDaemon.TEST_LABEL, run)).exec()).isEmpty();
        assertThat(LocalDaemon.runtime(client).hasImage(image)).isFalse();
    }

    /** Registry API v2, as little as a pull needs to fail: Basic auth for everything, no manifests. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (!basic(USER, SECRET).equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"graphium-test\"");
                send(exchange, 401,
                        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            } else if (exchange.getRequestURI().getPath().equals("/v2/")) {
                send(exchange, 200, "{}");
            } else if (stall) {
                release.await();
            } else {
                send(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
