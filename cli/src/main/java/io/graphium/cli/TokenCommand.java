package io.graphium.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code graphium token}: bearer tokens for the orchestrator's REST API (docs/security/rest.md). */
@Command(name = "token", description = "Create bearer tokens for the orchestrator's REST API.",
        subcommands = TokenCommand.Create.class)
public class TokenCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /**
     * {@code graphium token create NAME ROLE}: a new random token on stdout (give it to the caller) and, on stderr, the
     * line {@code NAME ROLE sha256:HEX} to add to the orchestrator's tokens file; the orchestrator keeps only the hash.
     */
    @Command(name = "create", description = {"Print a new token (stdout) and the line for the orchestrator's "
            + "tokens file (graphium.security.tokens-file) or graphium.security.tokens (stderr)."})
    static class Create implements Callable<Integer> {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
        private static final List<String> ROLES = List.of("read", "deploy", "admin");

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "who the token is for (it becomes requestedBy)")
        private String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "read, deploy or admin")
        private String role;

        @Override
        public Integer call() {
            if (!NAME.matcher(name).matches()) {
                throw new CliException(ExitCode.USAGE, "token name '" + name + "' must be 1-64 letters, digits, "
                        + "'.', '_', '@' or '-'");
            }
            if (!ROLES.contains(role)) {
                throw new CliException(ExitCode.USAGE, "role '" + role + "' is not one of read, deploy, admin");
            }
            String token = newToken();
            spec.commandLine().getOut().println(token);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("add this line to the orchestrator's tokens file:");
            spec.commandLine().getErr().println(line(name, role, token));
            spec.commandLine().getErr().flush();
            return ExitCode.OK;
        }
    }

    /** {@code gph_} and 256 random bits, URL-safe base64: the orchestrator's format (StaticTokens). */
    static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "gph_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String line(String name, String role, String token) {
        try {
            return name + " " + role + " sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
