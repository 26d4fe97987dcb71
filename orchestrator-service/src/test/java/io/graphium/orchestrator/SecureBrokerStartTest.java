package io.graphium.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.SchemaRegistryProcess;
import io.graphium.kafka.acl.AccessPlan;
import io.graphium.kafka.acl.AclProvisioner;
import io.graphium.kafka.acl.Principals;
import io.graphium.orchestrator.kafka.OrchestratorStreams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The orchestrator starts against a broker that speaks only SASL_SSL and allows nothing without an ACL, as
 * {@code graphium-orchestrator} with only the ACLs of {@link AccessPlan}: its topology (exactly-once, internal
 * topics, transactional ids) and its hand-built clients connect with the same security settings as Spring's, and it
 * reports ready.
 */
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class SecureBrokerStartTest {

    @Test
    void startsReadyAsItsOwnPrincipalOnASaslSslBroker() throws Exception {
        String password = UUID.randomUUID().toString();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.startSecure()) {
            broker.createUser(Principals.ORCHESTRATOR, password);
            try (Admin admin = Admin.create(broker.adminSettings())) {
                AclProvisioner.apply(admin, AccessPlan.forHosts(List.of("h1")));
            }
            try (ConfigurableApplicationContext orchestrator = new SpringApplicationBuilder(
                    OrchestratorApplication.class).run(
                    "--server.port=0",
                    "--graphium.kafka.registry-url=" + SchemaRegistryProcess.shared().url(),
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--spring.kafka.security.protocol=SASL_SSL",
                    "--spring.kafka.ssl.trust-store-location=file:" + broker.trustStore(),
                    "--spring.kafka.ssl.trust-store-password=" + broker.trustStorePassword(),
                    "--spring.kafka.ssl.trust-store-type=PKCS12",
                    "--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram."
                            + "ScramLoginModule required username=\"" + Principals.ORCHESTRATOR + "\" password=\""
                            + password + "\";")) {
                assertThat(orchestrator.getBean(OrchestratorStreams.class).isProcessing()).isTrue(); // over SASL_SSL
                assertThat(orchestrator.getBean(io.graphium.orchestrator.history.HistoryQuery.class).of("none")).isEmpty();
                String port = orchestrator.getEnvironment().getProperty("local.server.port");
                HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
                HttpResponse<String> stacks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/stacks")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(stacks.statusCode()).isEqualTo(200);
            }
        }
    }
}
