package io.graphium.orchestrator.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static bearer tokens, stored only as SHA-256 hashes: lines {@code NAME ROLE sha256:HEX} from the configuration
 * ({@code graphium.security.tokens}) and from a file ({@code graphium.security.tokens-file}, read again when it
 * changes; a broken file keeps the last good set and logs why). A presented token is hashed and compared with every
 * entry in constant time. Tokens look like {@code gph_<43 url-safe base64 characters>} (256 random bits).
 */
public final class StaticTokens {

    public static final String PREFIX = "gph_";
    private static final Logger log = LoggerFactory.getLogger(StaticTokens.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One accepted token: who it is, its role, the hash of the token. */
    public record Entry(String name, Role role, byte[] hash) {
    }

    private final List<Entry> configured;
    private final Path file;
    private volatile FileTime fileVersion;
    private volatile List<Entry> fromFile = List.of();

    public StaticTokens(List<String> lines, Path file) {
        this.configured = parse(lines, "graphium.security.tokens");
        this.file = file;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("graphium.security.tokens-file " + file + " does not exist");
            }
            reloadIfChanged(true);
        }
    }

    /** How many tokens are accepted now. */
    public int size() {
        reloadIfChanged(false);
        return configured.size() + fromFile.size();
    }

    /** Who {@code token} is, if it is one of the accepted tokens. */
    public Optional<Entry> authenticate(String token) {
        reloadIfChanged(false);
        byte[] presented = sha256(token);
        Entry found = null;
        for (List<Entry> entries : List.of(configured, fromFile)) {
            for (Entry entry : entries) { // no early exit: every entry is compared, each in constant time
                if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
                    found = entry;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** A new random token. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The line to add to a tokens file (or to {@code graphium.security.tokens}) for {@code token}. */
    public static String line(String name, Role role, String token) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name '" + name + "' must be 1-64 letters, digits, '.', '_', "
                    + "'@' or '-'");
        }
        return name + " " + role.id() + " sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    static List<Entry> parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String where = source + " line " + (i + 1);
            if (fields.length != 3) {
                throw new IllegalArgumentException(where + ": expected 'NAME ROLE sha256:HEX', got " + fields.length
                        + " field(s)" + (line.startsWith(PREFIX) ? " (it looks like a clear token: store only its "
                        + "hash, see 'graphium token create')" : ""));
            }
            if (!NAME.matcher(fields[0]).matches()) {
                throw new IllegalArgumentException(where + ": name '" + fields[0] + "' must be 1-64 letters, digits, "
                        + "'.', '_', '@' or '-'");
            }
            Role role = Role.parse(fields[1]).orElseThrow(() -> new IllegalArgumentException(where + ": role '"
                    + fields[1] + "' is not one of read, deploy, admin"));
            if (!HASH.matcher(fields[2]).matches()) {
                throw new IllegalArgumentException(where + ": the hash must be 'sha256:' and 64 lower-case hex digits");
            }
            entries.add(new Entry(fields[0], role, HexFormat.of().parseHex(fields[2].substring("sha256:".length()))));
        }
        return List.copyOf(entries);
    }

    private void reloadIfChanged(boolean first) {
        if (file == null) {
            return;
        }
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (!first && version.equals(fileVersion)) {
                return;
            }
            synchronized (this) {
                if (!first && version.equals(fileVersion)) {
                    return;
                }
                List<Entry> entries = parse(Files.readAllLines(file, StandardCharsets.UTF_8),
                        "graphium.security.tokens-file " + file);
                fromFile = entries;
                fileVersion = version;
                log.info("{} token(s) from {}", entries.size(), file);
            }
        } catch (IOException | IllegalArgumentException e) {
            if (first) {
                throw e instanceof IOException io ? new UncheckedIOException(io) : (IllegalArgumentException) e;
            }
            log.warn("cannot read the tokens file again, keeping the {} token(s) read before: {}", fromFile.size(),
                    e.getMessage());
            try {
                fileVersion = Files.getLastModifiedTime(file); // do not retry on every request
            } catch (IOException ignored) {
                // the file is gone: keep the last good set
            }
        }
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
