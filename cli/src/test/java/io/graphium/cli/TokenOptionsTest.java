package io.graphium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI sends the bearer token from --token or --token-file as an Authorization header, and a refusal has its own
 * exit code and says what to do: 5 for 401, 6 for 403. {@code token create} prints a token and its hashed line.
 */
class TokenOptionsTest {

    private static final String PROBLEM_403 = "{\"type\":\"about:blank\",\"title\":\"forbidden\",\"status\":403,"
            + "\"detail\":\"POST /api/v1/hosts needs the 'admin' role\"}";

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void sendsTheTokenFromTheOptionOrTheFile() throws Exception {
        orchestrator.answer("GET /api/v1/stacks", new Response(200, "[]"));

        Result inline = CliRun.run(orchestrator, "stack", "ls", "--token", "gph_inline");
        Path file = Files.writeString(dir.resolve("token"), "gph_from_file\n");
        Result fromFile = CliRun.run(orchestrator, "stack", "ls", "--token-file", file.toString());

        assertThat(inline.exitCode()).as(inline.err()).isZero();
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(orchestrator.requests()).extracting(FakeOrchestrator.Request::authorization)
                .containsExactly("Bearer gph_inline", "Bearer gph_from_file");
    }

    @Test
    void unauthenticatedAndForbiddenHaveTheirOwnExitCodes() {
        orchestrator.answer("GET /api/v1/stacks", new Response(401, "{\"status\":401}"));
        orchestrator.answer("POST /api/v1/hosts", new Response(403, PROBLEM_403));

        Result noToken = CliRun.run(orchestrator, "stack", "ls");
        Result forbidden = CliRun.run(orchestrator, "host", "register", "--id", "n3", "--ip", "10.0.0.3",
                "--cpus", "1", "--memory", "1Gi", "--token", "gph_deployer");

        assertThat(noToken.exitCode()).isEqualTo(ExitCode.UNAUTHENTICATED);
        assertThat(noToken.err()).contains("HTTP 401").contains("needs a token").contains("--token-file")
                .contains("GRAPHIUM_TOKEN");
        assertThat(forbidden.exitCode()).isEqualTo(ExitCode.FORBIDDEN);
        assertThat(forbidden.err()).contains("HTTP 403").contains("needs the 'admin' role");
    }

    @Test
    void anEmptyTokenFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), "\n");
        Result result = CliRun.run(orchestrator, "stack", "ls", "--token-file", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("is empty");
    }

    @Test
    void tokenCreatePrintsATokenAndTheLineWithItsHash() {
        Result result = CliRun.run("token", "create", "ci-deployer", "deploy");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String token = result.out().strip();
        assertThat(token).matches("gph_[A-Za-z0-9_-]{43}");
        assertThat(result.err()).contains(TokenCommand.line("ci-deployer", "deploy", token))
                .containsPattern("ci-deployer deploy sha256:[0-9a-f]{64}");
        assertThat(CliRun.run("token", "create", "x", "root").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
