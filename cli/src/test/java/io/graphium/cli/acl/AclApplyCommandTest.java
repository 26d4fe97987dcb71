package io.graphium.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.cli.CliRun;
import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.kafka.acl.AccessPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphium acl apply} provisions a secure broker as its admin, and a second run changes nothing. */
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class AclApplyCommandTest {

    @TempDir
    Path dir;

    @Test
    void appliesThePlanToASecureBrokerIdempotentlyAndOnlyAsTheAdmin() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.startSecure()) {
            Path wrong = dir.resolve("wrong-admin.properties");
            Files.writeString(wrong, Files.readString(broker.adminClientConfigFile())
                    .replaceAll("password=\"[^\"]*\"", "password=\"wrong\""));
            CliRun.Result refused = CliRun.run("acl", "apply", "--bootstrap", broker.bootstrapServers(),
                    "--command-config", wrong.toString());
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.err()).startsWith("error: applying the ACL plan failed: ")
                    .contains("Authentication failed");

            String[] apply = {"acl", "apply", "--bootstrap", broker.bootstrapServers(), "--command-config",
                    broker.adminClientConfigFile().toString(), "--host", "h1", "--host", "h2"};
            CliRun.Result first = CliRun.run(apply);
            CliRun.Result second = CliRun.run(apply);

            int acls = AccessPlan.forHosts(List.of("h1", "h2")).acls().size();
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.outLines().get(0)).startsWith("created ").contains("graphium.host.reports.h2",
                    "graphium.host.commands.h1.DLT", "graphium.stack.commands");
            assertThat(first.outLines().get(1)).isEqualTo(acls + " ACL(s) in place for 6 principal(s): "
                    + "graphium-orchestrator, graphium-placement, graphium-deployer, graphium-reader, "
                    + "graphium-agent-h1, graphium-agent-h2");
            assertThat(second.exitCode()).isZero();
            assertThat(second.outLines().get(0)).isEqualTo("created 0 topic(s)");
            try (Admin admin = Admin.create(broker.adminSettings())) {
                // The broker's authorizer learns new ACLs from the metadata log shortly after they are committed.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).hasSize(acls));
            }
        }
    }
}
