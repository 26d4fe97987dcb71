package io.graphium.kafka.acl;

import static io.graphium.kafka.acl.Acl.Operation.CREATE;
import static io.graphium.kafka.acl.Acl.Operation.DELETE;
import static io.graphium.kafka.acl.Acl.Operation.DESCRIBE;
import static io.graphium.kafka.acl.Acl.Operation.READ;
import static io.graphium.kafka.acl.Acl.Operation.WRITE;
import static io.graphium.kafka.acl.Acl.Pattern.LITERAL;
import static io.graphium.kafka.acl.Acl.Pattern.PREFIXED;
import static io.graphium.kafka.acl.Acl.Resource.GROUP;
import static io.graphium.kafka.acl.Acl.Resource.TOPIC;
import static io.graphium.kafka.acl.Acl.Resource.TRANSACTIONAL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
                new Acl(agent1, TOPIC, LITERAL, "graphium.host.reports.h1.DLT", DESCRIBE),
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
    void theAdminCreatesEveryTopicAndNoServiceHoldsCreateOnAGraphiumTopic() {
        assertThat(plan.topics()).extracting(t -> t.name()).contains("graphium.stack.commands",
                "graphium.host.commands.h1", "graphium.host.desired.h2", "graphium.host.reports.h2");
        assertThat(plan.principals()).doesNotContain(Principals.ADMIN);
        // The only CREATE and DELETE: the orchestrator's Streams application on its own internal-topic prefix.
        assertThat(plan.acls()).filteredOn(a -> a.operation() == CREATE || a.operation() == DELETE)
                .containsExactlyInAnyOrder(
                        new Acl(Principals.ORCHESTRATOR, TOPIC, PREFIXED, "graphium-orchestrator-", CREATE),
                        new Acl(Principals.ORCHESTRATOR, TOPIC, PREFIXED, "graphium-orchestrator-", DELETE));
        assertThat(AccessPlan.GRAPHIUM_TOPICS).doesNotStartWith(Principals.ORCHESTRATOR_STREAMS_PREFIX);
        assertThat(Principals.ORCHESTRATOR_STREAMS_PREFIX).doesNotStartWith(AccessPlan.GRAPHIUM_TOPICS);
        List<String> graphiumTopics = new ArrayList<>(List.of("graphium.foo", "graphium.host.reports.h3",
                "graphium.orchestrator-x-changelog"));
        for (Topic t : plan.topics()) {
            graphiumTopics.add(t.name());
            graphiumTopics.add(t.deadLetterTopic());
        }
        for (String principal : plan.principals()) {
            for (String topic : graphiumTopics) {
                assertThat(plan.allows(principal, TOPIC, topic, CREATE)).as("%s creating %s", principal, topic)
                        .isFalse();
                assertThat(plan.allows(principal, TOPIC, topic, DELETE)).as("%s deleting %s", principal, topic)
                        .isFalse();
            }
        }
    }

    @Test
    void theOrchestratorsStreamsApplicationGetsItsGroupInternalTopicsAndTransactionalIds() {
        String o = Principals.ORCHESTRATOR;
        assertThat(Principals.ORCHESTRATOR_STREAMS_APPLICATION_ID).isEqualTo("graphium-orchestrator");
        assertThat(plan.of(o)).filteredOn(a -> a.name().startsWith("graphium-orchestrator"))
                .containsExactlyInAnyOrder(
                        new Acl(o, GROUP, LITERAL, "graphium-orchestrator", READ),
                        new Acl(o, TOPIC, PREFIXED, "graphium-orchestrator-", CREATE),
                        new Acl(o, TOPIC, PREFIXED, "graphium-orchestrator-", READ),
                        new Acl(o, TOPIC, PREFIXED, "graphium-orchestrator-", WRITE),
                        new Acl(o, TOPIC, PREFIXED, "graphium-orchestrator-", DELETE),
                        new Acl(o, TOPIC, PREFIXED, "graphium-orchestrator-", DESCRIBE),
                        new Acl(o, TRANSACTIONAL_ID, PREFIXED, "graphium-orchestrator-", WRITE),
                        new Acl(o, TRANSACTIONAL_ID, PREFIXED, "graphium-orchestrator-", DESCRIBE));
        // EOS v2 transactional ids are <application.id>-<process id>-<thread>.
        assertThat(plan.allows(o, TRANSACTIONAL_ID, "graphium-orchestrator-8f2c1d3e-1", WRITE)).isTrue();
        assertThat(plan.allows(o, TRANSACTIONAL_ID, "graphium-placement-0", WRITE)).isFalse();
        assertThat(plan.allows(o, TRANSACTIONAL_ID, "graphium-orchestratorx-0", WRITE)).isFalse();
        assertThat(plan.allows(o, TOPIC, "graphium-orchestrator-counts-changelog", CREATE)).isTrue();
        assertThat(plan.allows(o, TOPIC, "graphium-orchestrator-by-stack-repartition", DELETE)).isTrue();
        // Its sources and sinks are the topics it already reads and writes (global stores read without a group).
        for (Topic t : List.of(Topics.STACK_COMMANDS, Topics.PLACEMENT_RESULTS, Topics.STACK_STATUS,
                Topics.STACK_HISTORY, Topics.STACK_DEFINITIONS)) {
            assertThat(plan.allows(o, TOPIC, t.name(), READ)).as(t.name()).isTrue();
        }
        assertThat(plan.allows(o, TOPIC, "graphium.host.reports.h9", READ)).isTrue();
        for (Topic t : List.of(Topics.PLACEMENT_REQUESTS, Topics.STACK_STATUS, Topics.STACK_DEFINITIONS,
                Topics.STACK_HISTORY)) {
            assertThat(plan.allows(o, TOPIC, t.name(), WRITE)).as(t.name()).isTrue();
        }
        assertThat(plan.allows(o, TOPIC, "graphium.host.commands.h9", WRITE)).isTrue();
        assertThat(plan.allows(o, TOPIC, "graphium.host.desired.h9", WRITE)).isTrue();
        // No one else gets a transactional id.
        assertThat(plan.acls()).filteredOn(a -> a.resource() == TRANSACTIONAL_ID).extracting(Acl::principal)
                .containsOnly(o);
    }

    @Test
    void theRuleListInTheSecurityDocsIsThePlansTable() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security", "kafka.md"));
        int start = doc.indexOf("```\nPRINCIPAL ");
        assertThat(start).as("the rule list in docs/security/kafka.md").isPositive();
        String documented = doc.substring(start + 4, doc.indexOf("```\n", start + 4));
        assertThat(documented).as("docs/security/kafka.md, from graphium acl print --host h1")
                .isEqualTo(AclReport.table(AccessPlan.forHosts(List.of("h1"))));
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
        assertThat(commands).contains("--allow-principal User:graphium-orchestrator --operation Read --operation Write "
                + "--operation Create --operation Delete --operation Describe --topic 'graphium-orchestrator-' "
                + "--resource-pattern-type prefixed");
        assertThat(commands).contains("--allow-principal User:graphium-orchestrator --operation Write --operation "
                + "Describe --transactional-id 'graphium-orchestrator-' --resource-pattern-type prefixed");
        assertThat(table.lines()).anyMatch(l -> l.matches("User:graphium-orchestrator +TRANSACTIONAL_ID +PREFIXED "
                + "+graphium-orchestrator- +WRITE\\+DESCRIBE"));
        assertThat(table.lines()).anyMatch(l -> l.matches("User:graphium-orchestrator +TOPIC +PREFIXED "
                + "+graphium-orchestrator- +READ\\+WRITE\\+CREATE\\+DELETE\\+DESCRIBE"));
        assertThat(table.lines()).anyMatch(l -> l.matches("User:graphium-orchestrator +GROUP +LITERAL "
                + "+graphium-orchestrator +READ"));
    }
}
