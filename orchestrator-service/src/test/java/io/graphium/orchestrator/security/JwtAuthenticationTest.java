package io.graphium.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.orchestrator.OrchestratorOverKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OIDC/JWT resource server with a locally generated RSA key whose JWKS is served on loopback (no external IdP): the
 * principal comes from the configured claim, the role from the roles claim; an expired JWT, one signed by another
 * key and one without a role are refused. Static tokens keep working next to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class JwtAuthenticationTest extends OrchestratorOverKafka {

    private static final KeyPair IDP = rsa();
    private static final KeyPair OTHER = rsa();
    private static final String ISSUER = "https://idp.test.invalid";
    private static final HttpServer JWKS = jwks();
    private static final String STATIC_READ = StaticTokens.newToken();

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("graphium.security.enabled", () -> "true");
        registry.add("graphium.security.tokens", () -> StaticTokens.line("viewer", Role.READ, STATIC_READ));
        registry.add("graphium.security.jwt.principal-claim", () -> "preferred_username");
        registry.add("graphium.security.jwt.roles-claim", () -> "graphium_roles");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    }

    @AfterAll
    static void stopIdp() {
        JWKS.stop(0);
    }

    @Test
    void aJwtFromTheIdpAuthenticatesWithItsRole() throws Exception {
        String deployer = jwt(IDP, "carol", List.of("deploy"), Instant.now().plusSeconds(300));
        assertThat(get("/api/v1/stacks", deployer).statusCode()).isEqualTo(200);
        HttpResponse<String> hosts = send("POST", "/api/v1/hosts", deployer);
        assertThat(hosts.statusCode()).isEqualTo(403);
        assertThat(hosts.body()).contains("needs the 'admin' role");
        String admin = jwt(IDP, "dave", List.of("read", "admin"), Instant.now().plusSeconds(300));
        assertThat(send("POST", "/api/v1/hosts", admin).statusCode()).isEqualTo(400); // authorized; body invalid
        assertThat(get("/api/v1/stacks", STATIC_READ).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredForeignAndRolelessJwtsAreRefused() throws Exception {
        assertThat(get("/api/v1/stacks", jwt(IDP, "carol", List.of("read"), Instant.now().minusSeconds(600)))
                .statusCode()).as("expired").isEqualTo(401);
        assertThat(get("/api/v1/stacks", jwt(OTHER, "mallory", List.of("admin"), Instant.now().plusSeconds(300)))
                .statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(get("/api/v1/stacks", jwt(IDP, "erin", List.of(), Instant.now().plusSeconds(300)))
                .statusCode()).as("no role").isEqualTo(403);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String jwt(KeyPair key, String user, List<String> roles, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("id-" + user)
                .claim("preferred_username", user).claim("graphium_roles", roles)
                .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        byte[] body = new JWKSet(new RSAKey.Builder((RSAPublicKey) IDP.getPublic()).keyID("k1").build()).toString()
                .getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
