package io.graphium.cli.host;

import static io.graphium.cli.FakeOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import io.graphium.cli.FakeOrchestrator.Request;
import io.graphium.cli.FakeOrchestrator.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HostCommandsTest {

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void lsShowsOneLinePerHostAndWhyAHostIsNotActive() {
        orchestrator.answer("GET /api/v1/hosts", json(200, "hosts.json"));

        Result result = CliRun.run(orchestrator, "host", "ls", "--status", "maintenance", "--datacenter", "dc1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(
                "ID           IP           DATACENTER  STATUS       CPUS  MEMORY  CONTAINERS  SOURCE  HEARTBEAT",
                "host1        10.213.0.11  dc1         ACTIVE       4     8Gi     2           AGENT   5s ago",
                "rack7-node3  10.0.7.3     -           MAINTENANCE  16    512Mi   0           MANUAL  -",
                "",
                "rack7-node3: operator: disk replacement");
        assertThat(orchestrator.requests().get(0).query()).isEqualTo("status=maintenance&datacenter=dc1");
    }

    @Test
    void registerSendsTheOptionsAsARegistration() {
        orchestrator.answer("POST /api/v1/hosts", new Response(201, "{\"id\":\"rack7-node3\",\"status\":\"ACTIVE\"}"));

        Result result = CliRun.run(orchestrator, "host", "register", "--id", "rack7-node3", "--ip", "10.0.7.3",
                "--cpus", "16", "--memory", "64Gi", "--datacenter", "eu-1", "--label", "disk=ssd");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("Registered host rack7-node3 (ACTIVE).");
        JsonNode sent = JsonMapper.shared().readTree(orchestrator.requests().get(0).body());
        assertThat(sent).isEqualTo(JsonMapper.shared().readTree("{\"id\":\"rack7-node3\",\"ipAddress\":\"10.0.7.3\","
                + "\"cpus\":16,\"memory\":\"64Gi\",\"datacenter\":\"eu-1\",\"labels\":{\"disk\":\"ssd\"}}"));
    }

    @Test
    void registerListsEachProblemTheServerFound() {
        orchestrator.answer("POST /api/v1/hosts", new Response(400, "{\"title\":\"invalid host registration\","
                + "\"status\":400,\"detail\":\"1 problem(s)\",\"problems\":[{\"path\":\"$.ipAddress\","
                + "\"message\":\"ipAddress 'node3' is not an IPv4 or IPv6 address\"}]}"));

        Result result = CliRun.run(orchestrator, "host", "register", "--id", "n3", "--ip", "node3", "--cpus", "1",
                "--memory", "1Gi");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: invalid host registration: 1 problem(s)",
                "  $.ipAddress: ipAddress 'node3' is not an IPv4 or IPv6 address");
    }

    @Test
    void registerNeedsAFileOrTheRequiredFields() {
        Result result = CliRun.run(orchestrator, "host", "register", "--id", "n3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required argument");
        assertThat(orchestrator.requests()).isEmpty();
    }

    @Test
    void setStatusPutsTheStatusAndReason() {
        orchestrator.answer("PUT /api/v1/hosts/host1/status", new Response(200, "{\"id\":\"host1\","
                + "\"status\":\"MAINTENANCE\",\"statusReason\":\"operator: kernel update\"}"));

        Result result = CliRun.run(orchestrator, "host", "set-status", "host1", "MAINTENANCE", "--reason",
                "kernel update");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("Host host1 is MAINTENANCE: operator: kernel update");
        Request put = orchestrator.requests().get(0);
        assertThat(JsonMapper.shared().readTree(put.body())).isEqualTo(JsonMapper.shared().readTree(
                "{\"status\":\"maintenance\",\"reason\":\"kernel update\"}"));
        assertThat(put.contentType()).isEqualTo("application/json");
    }

    @Test
    void setStatusRefusesAnUnknownStatusWithoutAsking() {
        Result result = CliRun.run(orchestrator, "host", "set-status", "host1", "broken");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("broken", "active, maintenance, offline");
        assertThat(orchestrator.requests()).isEmpty();
    }
}
