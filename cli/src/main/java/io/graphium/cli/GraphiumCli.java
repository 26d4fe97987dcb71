package io.graphium.cli;

import io.graphium.cli.acl.AclCommand;
import io.graphium.cli.api.AccessDenied;
import io.graphium.cli.api.ApiException;
import io.graphium.cli.api.OrchestratorClient;
import io.graphium.cli.host.HostCommand;
import io.graphium.cli.keys.KeysCommand;
import io.graphium.cli.stack.StackCommand;
import io.graphium.cli.validate.ValidateCommand;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code graphium}: the root command. It owns the global options (inherited by every subcommand, so they can be given
 * anywhere on the line) and what all commands share: the API client and the {@link CliContext}. New command groups
 * ({@code host}, {@code validate}, ...) are added to {@code subcommands} and extend {@link ApiCommand}.
 */
@Command(name = "graphium", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = true,
        description = "Deploys multi-container stacks across Docker hosts through the Graphium orchestrator.",
        footerHeading = "%nEvery command takes --output table|json and --server URL (or env GRAPHIUM_SERVER).%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done; stack deploy --wait: the stack is RUNNING",
                "1:the stack FAILED (deploy --wait), or the plan is not feasible (stack plan)",
                "2:usage error, unreadable or invalid file, unknown stack or host, conflict",
                "3:stack deploy --wait timed out",
                "4:orchestrator unreachable, or it answered something unexpected",
                "5:not authenticated (HTTP 401): no token, or one the orchestrator does not accept",
                "6:forbidden (HTTP 403): the token's role may not do this"},
        subcommands = {StackCommand.class, HostCommand.class, ValidateCommand.class, TokenCommand.class,
                KeysCommand.class, AclCommand.class})
public class GraphiumCli implements Runnable {

    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:GRAPHIUM_SERVER:-" + DEFAULT_SERVER + "}",
            description = {"Orchestrator URL; default: ${DEFAULT-VALUE}", "(from env GRAPHIUM_SERVER if set)"})
    private String server;

    @Option(names = "--output", paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
            description = "table or json (the API's JSON, indented); default: ${DEFAULT-VALUE}")
    private OutputFormat output;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            defaultValue = "${env:GRAPHIUM_TOKEN}",
            description = {"Bearer token sent to the orchestrator (from env GRAPHIUM_TOKEN if set);",
                    "prefer --token-file: a token on the command line shows in ps"})
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            defaultValue = "${env:GRAPHIUM_TOKEN_FILE}",
            description = {"File holding the bearer token (from env GRAPHIUM_TOKEN_FILE if set); without either,",
                    "the dev system's admin token when --server is on this machine"})
    private Path tokenFile;

    private final CliContext context;

    public GraphiumCli(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.detect()).execute(args));
    }

    /** The configured command line: errors the commands raise become a one-line message and an exit code. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new GraphiumCli(context));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            int exitCode;
            if (exception instanceof CliException e) {
                exitCode = e.exitCode();
            } else if (exception instanceof AccessDenied e) {
                exitCode = e.status() == 401 ? ExitCode.UNAUTHENTICATED : ExitCode.FORBIDDEN;
            } else if (exception instanceof ApiException) {
                exitCode = ExitCode.SERVER_ERROR;
            } else {
                throw exception;
            }
            command.getErr().println("error: " + exception.getMessage());
            command.getErr().flush();
            return exitCode;
        });
        return commandLine;
    }

    /** A group without a subcommand is a usage error: picocli prints the message and the group's usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public CliContext context() {
        return context;
    }

    public OutputFormat output() {
        return output;
    }

    public OrchestratorClient client() {
        URI uri = serverUri();
        return new OrchestratorClient(uri, context.reconnectDelay(), Tokens.resolve(token, tokenFile, uri));
    }

    /** What to add to a suggested command so it reaches the same server (empty for the env/default server). */
    public String serverHint() {
        String implicit = System.getenv().getOrDefault("GRAPHIUM_SERVER", DEFAULT_SERVER);
        return server.equals(implicit) ? "" : " --server " + server;
    }

    private URI serverUri() {
        try {
            URI uri = new URI(server);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CliException(ExitCode.USAGE, "--server '" + server + "' is not an http(s) URL such as "
                + DEFAULT_SERVER);
    }
}
