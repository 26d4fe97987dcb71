package io.graphium.cli.keys;

import io.graphium.cli.CliException;
import io.graphium.cli.ExitCode;
import io.graphium.events.KeyRing;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code graphium keys}: the key ring's key files, offline (docs/security/secrets.md). {@code new} writes a key,
 * {@code list} checks a key directory the way the orchestrator and the agents will read it.
 */
@Command(name = "keys", description = "Manage the sealing keys of secrets (key files, offline).",
        subcommands = {KeysCommand.New.class, KeysCommand.List.class})
public class KeysCommand {

    static final String DIR_DEFAULT = "${env:GRAPHIUM_SECRETS_KEY_DIR:-keys}";

    @Command(name = "new", description = {"Write a new random key to DIR/<id>.key (mode 0600) and print its id.",
            "Give the file to every agent first, then to the orchestrator with graphium.secrets.active-key=<id>."})
    static class New implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = DIR_DEFAULT,
                description = "Key directory (graphium.secrets.key-dir); default: env GRAPHIUM_SECRETS_KEY_DIR, "
                        + "else ./keys")
        private Path dir;

        @Override
        public Integer call() {
            try {
                spec.commandLine().getOut().println(KeyRing.newKeyFile(dir));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = {"List the key ids in DIR, checking every key file as the services do",
            "(32 bytes of base64, owner-only permissions)."})
    static class List implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = DIR_DEFAULT,
                description = "Key directory; default: env GRAPHIUM_SECRETS_KEY_DIR, else ./keys")
        private Path dir;

        @Override
        public Integer call() {
            KeyRing ring;
            try {
                ring = KeyRing.load(new KeyRing.Config(null, dir, Map.of(), null));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
            ring.keyIds().stream().sorted().forEach(spec.commandLine().getOut()::println);
            return ExitCode.OK;
        }
    }
}
