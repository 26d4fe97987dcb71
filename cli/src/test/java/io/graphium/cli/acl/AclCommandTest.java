package io.graphium.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code graphium acl print}: the generated ACL set, offline ({@code apply} runs in AccessControlTest's broker). */
class AclCommandTest {

    @Test
    void printsTheTableOfEveryPrincipalWithTheHostsAgents() {
        CliRun.Result result = CliRun.run("acl", "print", "--host", "h1", "--host", "h2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().get(0)).matches("PRINCIPAL +RESOURCE +PATTERN +NAME +OPERATIONS");
        assertThat(result.outLines()).anyMatch(l -> l.matches(
                "User:graphium-agent-h2 +TOPIC +LITERAL +graphium\\.host\\.reports\\.h2 +WRITE\\+DESCRIBE"));
        assertThat(result.outLines()).anyMatch(l -> l.matches(
                "User:graphium-orchestrator +TOPIC +PREFIXED +graphium\\.host\\.commands\\. +WRITE\\+DESCRIBE"));
        assertThat(result.out()).contains("User:graphium-placement", "User:graphium-deployer", "User:graphium-reader");
        // The orchestrator's Kafka Streams application: its internal topics and transactional ids.
        assertThat(result.outLines()).anyMatch(l -> l.matches("User:graphium-orchestrator +TOPIC +PREFIXED "
                + "+graphium-orchestrator- +READ\\+WRITE\\+CREATE\\+DELETE\\+DESCRIBE"));
        assertThat(result.outLines()).anyMatch(l -> l.matches("User:graphium-orchestrator +TRANSACTIONAL_ID "
                + "+PREFIXED +graphium-orchestrator- +WRITE\\+DESCRIBE"));
    }

    @Test
    void printsKafkaAclsCommands() {
        CliRun.Result result = CliRun.run("acl", "print", "--host", "h1", "--format", "kafka-acls", "--bootstrap",
                "kafka:9093", "--command-config", "/etc/kafka/admin.properties");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).allMatch(l -> l.startsWith("kafka-acls.sh --bootstrap-server kafka:9093 "
                + "--command-config /etc/kafka/admin.properties --add --allow-principal User:"));
        assertThat(result.out()).contains("--allow-principal User:graphium-agent-h1 --operation Read --group "
                + "'host-agent-h1' --resource-pattern-type literal");
        assertThat(result.out()).contains("--allow-principal User:graphium-orchestrator --operation Write "
                + "--operation Describe --transactional-id 'graphium-orchestrator-' --resource-pattern-type prefixed");
    }

    @Test
    void refusesAHostIdThatCannotBeAPrincipal() {
        CliRun.Result result = CliRun.run("acl", "print", "--host", "h1.DLT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--host: host id 'h1.DLT'");
    }
}
