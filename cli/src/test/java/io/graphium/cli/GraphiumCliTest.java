package io.graphium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun.Result;
import org.junit.jupiter.api.Test;

class GraphiumCliTest {

    @Test
    void versionNamesTheProjectVersion() {
        Result result = CliRun.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().get(0)).matches("graphium \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void deployHelpShowsOptionsGlobalOptionsAndExitCodes() {
        Result result = CliRun.run("stack", "deploy", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().get(0)).startsWith("Usage: graphium stack deploy [-hV] [--no-rollback] "
                + "[--wait]");
        assertThat(result.out()).contains("--stack-id=ID", "--strategy=STRATEGY", "--timeout=DURATION",
                "--deadline=DURATION", "default: 5m",
                "Exit codes:", "3   --wait timed out");
    }

    @Test
    void rootHelpListsTheCommandGroupsAndEveryExitCode() {
        Result result = CliRun.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("stack", "host", "validate", "Exit codes:",
                "0   done", "1   the stack FAILED", "2   usage error", "3   stack deploy --wait timed out",
                "4   orchestrator unreachable");
    }

    @Test
    void groupWithoutSubcommandIsAUsageError() {
        Result result = CliRun.run("stack");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required subcommand").contains("deploy", "plan", "status", "ls",
                "events", "stop", "start", "rm");
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        Result result = CliRun.run("stack", "ls", "--output", "yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--output", "yaml");
    }

    @Test
    void serverMustBeAnHttpUrl() {
        Result result = CliRun.run("stack", "ls", "--server", "ftp://example.org");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "error: --server 'ftp://example.org' is not an http(s) URL such as http://127.0.0.1:8080");
    }
}
