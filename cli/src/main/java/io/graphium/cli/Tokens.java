package io.graphium.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which bearer token the CLI sends: {@code --token} (or GRAPHIUM_TOKEN), else the content of {@code --token-file}
 * (or GRAPHIUM_TOKEN_FILE), else, only when the server is on this machine, the dev system's admin token
 * (GRAPHIUM_DEV_TOKEN_FILE, set by {@code cli/bin/graphium} to {@code .graphium/dev/admin.token} when it exists), so
 * the dev token is never sent to another machine.
 */
final class Tokens {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private Tokens() {
    }

    static String resolve(String token, Path tokenFile, URI server) {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        if (tokenFile != null) {
            return read(tokenFile, "--token-file/GRAPHIUM_TOKEN_FILE");
        }
        String dev = System.getenv("GRAPHIUM_DEV_TOKEN_FILE");
        if (dev != null && !dev.isBlank() && LOOPBACK.contains(server.getHost()) && Files.isRegularFile(Path.of(dev))) {
            return read(Path.of(dev), "GRAPHIUM_DEV_TOKEN_FILE");
        }
        return null;
    }

    private static String read(Path file, String source) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliException(ExitCode.USAGE, source + " " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the token file " + file + " (" + source + "): "
                    + e.getMessage());
        }
    }
}
