package io.graphium.kafka.acl;

import static io.graphium.kafka.acl.Acl.Operation.DESCRIBE;
import static io.graphium.kafka.acl.Acl.Operation.READ;
import static io.graphium.kafka.acl.Acl.Operation.WRITE;
import static io.graphium.kafka.acl.Acl.Pattern.LITERAL;
import static io.graphium.kafka.acl.Acl.Resource.GROUP;
import static io.graphium.kafka.acl.Acl.Resource.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphium.kafka.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated ACL set: each principal gets what it needs and nothing that would let it act for another. */
class AccessPlanTest {

    private final AccessPlan plan = AccessPlan.forHosts(List.of("h1", "h2"));
    private final String agent1 = Principals.agent("h1");

    @Test
    void anAgentGetsExactlyItsOwnHostsTopicsAndGroup() {
        assertThat(plan.of(agent1)).containsExactlyInAnyOrder(
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.commands.h1", READ),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.commands.h1", DESCRIBE),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.desired.h1", READ),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.desired.h1", DESCRIBE),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.reports.h1", WRITE),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.reports.h1", DESCRIBE),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.commands.h1.DLT", WRITE),
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.commands.h1.DLT", DESCRIBE),
                new Acl(agent1, GROUP, LITERAL, "host-agent-h1", READ));
        assertThat(plan.of(agent1)).allMatch(a -> a.pattern() == LITERAL);
    }

    @Test
    void anAgentCannotReachAnotherHostOrTheSharedTopics() {
        assertThat(plan.allows(agent1, TOPIC, "graphium.host.commands.h2", READ)).isFalse();
        assertThat(plan.allows(agent1, TOPIC, "graphium.host.desired.h2", READ)).isFalse();
        assertThat(plan.allows(agent1, TOPIC, "graphium.host.reports.h2", WRITE)).isFalse();
        assertThat(plan.allows(agent1, TOPIC, Topics.STACK_COMMANDS.name(), WRITE)).isFalse();
        assertThat(plan.allows(agent1, TOPIC, Topics.HOSTS.name(), WRITE)).isFalse();
        assertThat(plan.allows(agent1, GROUP, "host-agent-h2", READ)).isFalse();
    }

    @Test
    void noOneButTheHostsAgentMayWriteItsReports() {
        for (String principal : plan.principals()) {
            assertThat(plan.allows(principal, TOPIC, "graphium.host.reports.h1", WRITE))
                    .as(principal).isEqualTo(principal.equals(agent1));
            assertThat(plan.allows(principal, TOPIC, "graphium.host.reports.h3", WRITE))
                    .as("%s on a host not provisioned", principal).isFalse();
        }
        // The report consumers dead-letter reports by literal name, one rule per provisioned host.
        assertThat(plan.allows(Principals.ORCHESTRATOR, TOPIC, "graphium.host.reports.h1.DLT", WRITE)).isTrue();
        assertThat(plan.allows(Principals.PLACEMENT, TOPIC, "graphium.host.reports.h2.DLT", WRITE)).isTrue();
        assertThat(plan.acls()).filteredOn(a -> a.operation() == WRITE && a.pattern() == Acl.Pattern.PREFIXED)
                .allMatch(a -> !Topics.HOST_REPORTS_PREFIX.startsWith(a.name())
                        && !a.name().startsWith(Topics.HOST_REPORTS_PREFIX));
    }

    @Test
    void theOrchestratorWritesEveryHostsCommandsAndDesiredStateAndReadsEveryHostsReports() {
        String o = Principals.ORCHESTRATOR;
        assertThat(plan.allows(o, TOPIC, "graphium.host.commands.any-new-host", WRITE)).isTrue();
        assertThat(plan.allows(o, TOPIC, "graphium.host.desired.any-new-host", WRITE)).isTrue();
        assertThat(plan.allows(o, TOPIC, "graphium.host.reports.any-new-host", READ)).isTrue();
        assertThat(plan.allows(o, TOPIC, "graphium.host.commands.h1", READ)).isFalse();
        assertThat(plan.allows(o, TOPIC, Topics.STACK_COMMANDS.name(), READ)).isTrue();
        assertThat(plan.allows(o, TOPIC, Topics.STACK_COMMANDS.name(), WRITE)).as("the REST API publishes commands")
                .isTrue();
        assertThat(plan.allows(o, TOPIC, Topics.PLACEMENT_RESULTS.name(), WRITE)).isFalse();
        for (var t : List.of(Topics.PLACEMENT_REQUESTS, Topics.STACK_STATUS, Topics.STACK_DEFINITIONS,
                Topics.STACK_HISTORY, Topics.HOSTS, Topics.HOST_ADMIN)) {
            assertThat(plan.allows(o, TOPIC, t.name(), WRITE)).as(t.name()).isTrue();
        }
        assertThat(plan.allows(o, TOPIC, "graphium.stack.commands.DLT", WRITE)).isTrue();
        assertThat(plan.allows(o, GROUP, "orchestrator-stack-commands", READ)).isTrue();
        assertThat(plan.allows(o, GROUP, "placement-requests", READ)).isFalse();
        assertThat(plan.allows(o, TOPIC, "graphium.stack.status.DLT", DESCRIBE)).as("declared at start").isTrue();
        assertThat(plan.allows(agent1, TOPIC, "graphium.stack.status", DESCRIBE)).isFalse();
    }

    @Test
    void placementReadsRequestsAndReportsAndWritesOnlyResultsAndItsDeadLetters() {
        String p = Principals.PLACEMENT;
        assertThat(plan.of(p)).filteredOn(a -> a.operation() == WRITE).extracting(Acl::name)
                .containsExactlyInAnyOrder("graphium.placement.results", "graphium.placement.requests.DLT",
                        "graphium.hosts.DLT", "graphium.hosts.admin.DLT", "graphium.host.reports.h1.DLT",
                        "graphium.host.reports.h2.DLT");
        assertThat(plan.allows(p, TOPIC, Topics.PLACEMENT_REQUESTS.name(), READ)).isTrue();
        assertThat(plan.allows(p, TOPIC, "graphium.host.reports.h7", READ)).isTrue();
        assertThat(plan.allows(p, GROUP, "placement-service", READ)).isTrue();
    }

    @Test
    void theDeployerOnlyWritesStackCommandsAndTheReaderOnlyReadsStatusAndHistory() {
        assertThat(plan.of(Principals.DEPLOYER)).extracting(Acl::name).containsOnly("graphium.stack.commands");
        assertThat(plan.of(Principals.DEPLOYER)).extracting(Acl::operation).containsOnly(WRITE, DESCRIBE);
        assertThat(plan.of(Principals.READER)).filteredOn(a -> a.resource() == TOPIC).extracting(Acl::name)
                .containsOnly("graphium.stack.status", "graphium.stack.history");
        assertThat(plan.of(Principals.READER)).extracting(Acl::operation).doesNotContain(WRITE);
    }

    @Test
    void theAdminCreatesEveryTopicAndNoServiceHoldsCreate() {
        assertThat(plan.topics()).extracting(t -> t.name()).contains("graphium.stack.commands",
                "graphium.host.commands.h1", "graphium.host.desired.h2", "graphium.host.reports.h2");
        assertThat(plan.acls()).extracting(Acl::operation).containsOnly(READ, WRITE, DESCRIBE);
        assertThat(plan.principals()).doesNotContain(Principals.ADMIN);
    }

    @Test
    void aHostIdThatCouldWidenAPrefixIsRefused() {
        assertThatThrownBy(() -> AccessPlan.forHosts(List.of("h1.DLT"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h1.DLT");
        assertThatThrownBy(() -> AccessPlan.forHosts(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsATableAndKafkaAclsCommands() {
        String table = AclReport.table(AccessPlan.forHosts(List.of("h1")));
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("PRINCIPAL +RESOURCE +PATTERN +NAME +OPERATIONS");
        assertThat(table.lines()).anyMatch(l -> l.matches(
                "User:graphium-agent-h1 +TOPIC +LITERAL +graphium\\.host\\.commands\\.h1 +READ\\+DESCRIBE"));
        String commands = AclReport.kafkaAclsCommands(AccessPlan.forHosts(List.of("h1")), "BROKER", "admin.properties");
        assertThat(commands).contains("kafka-acls.sh --bootstrap-server BROKER --command-config admin.properties --add "
                + "--allow-principal User:graphium-agent-h1 --operation Write --operation Describe --topic "
                + "'graphium.host.reports.h1' --resource-pattern-type literal");
        assertThat(commands).contains("--allow-principal User:graphium-orchestrator --operation Write --operation "
                + "Describe --topic 'graphium.host.commands.' --resource-pattern-type prefixed");
    }
}
