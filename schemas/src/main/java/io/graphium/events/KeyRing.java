package io.graphium.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealing keys of one process, by key id: one active key seals, every key opens what was sealed with it (each
 * {@link SealedValue} names its key id). Rotation adds a new active key and keeps the old ones for opening.
 *
 * <p>Sources, all optional and merged ({@link #load}):
 * <ul>
 *   <li>{@code graphium.secrets.key-dir}: a directory of key files {@code <id>.key}, each the base64 of 32 random
 *       bytes; readable by the owner only (a file that group or others may read is refused);</li>
 *   <li>{@code graphium.secrets.keys.<id>}: a key given inline (base64);</li>
 *   <li>{@code graphium.secrets.sealing-key}: the single key of earlier versions; it joins the ring under its
 *       fingerprint ({@link SecretSealer#fingerprint}), the id values sealed with it already carry.</li>
 * </ul>
 * The active key is {@code graphium.secrets.active-key} when set; else the only key; else the {@code sealing-key}.
 * A ring with several keys and none of these can open but not seal.
 */
public final class KeyRing {

    public static final String KEY_FILE_SUFFIX = ".key";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final byte[] HKDF_SALT = "graphium-key-ring-v1".getBytes(StandardCharsets.UTF_8);
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, SecretSealer> keys;
    private final String activeKeyId;

    private KeyRing(Map<String, SecretSealer> keys, String activeKeyId) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.activeKeyId = activeKeyId;
    }

    /**
     * What configures a ring; every part may be null or empty.
     *
     * @param sealingKey {@code graphium.secrets.sealing-key}: the single base64 key of earlier versions
     * @param keyDir     {@code graphium.secrets.key-dir}: a directory of {@code <id>.key} files
     * @param keys       {@code graphium.secrets.keys.<id>}: base64 keys by id
     * @param activeKey  {@code graphium.secrets.active-key}: the id of the key that seals
     */
    public record Config(String sealingKey, Path keyDir, Map<String, String> keys, String activeKey) {
    }

    /** An empty ring: opens nothing, seals nothing (a process without secrets configured). */
    public static KeyRing empty() {
        return new KeyRing(Map.of(), null);
    }

    /** A ring of the single base64 key {@code base64Key} under its fingerprint, active. */
    public static KeyRing ofSingleKey(String base64Key) {
        SecretSealer sealer = SecretSealer.fromBase64(base64Key);
        return new KeyRing(Map.of(sealer.keyId(), sealer), sealer.keyId());
    }

    /** A ring of base64 keys by id, {@code activeKey} sealing (null: the only key, or none). */
    public static KeyRing of(Map<String, String> base64Keys, String activeKey) {
        return load(new Config(null, null, base64Keys, activeKey));
    }

    /** Builds the ring from its configured sources; fails naming the file, setting or id that is wrong. */
    public static KeyRing load(Config config) {
        Map<String, SecretSealer> keys = new LinkedHashMap<>();
        if (config.keyDir() != null) {
            readKeyDir(config.keyDir(), keys);
        }
        if (config.keys() != null) {
            config.keys().forEach((id, base64) -> add(keys, id, SecretSealer.decode(base64,
                    "graphium.secrets.keys." + id), "graphium.secrets.keys." + id));
        }
        String legacyId = null;
        if (config.sealingKey() != null && !config.sealingKey().isBlank()) {
            byte[] bytes = SecretSealer.decode(config.sealingKey(), "graphium.secrets.sealing-key");
            legacyId = SecretSealer.fingerprint(bytes);
            SecretSealer existing = keys.get(legacyId);
            if (existing == null) {
                add(keys, legacyId, bytes, "graphium.secrets.sealing-key");
            }
        }
        String active = config.activeKey() == null || config.activeKey().isBlank() ? null : config.activeKey().strip();
        if (active != null && !keys.containsKey(active)) {
            throw new IllegalArgumentException("graphium.secrets.active-key is " + active + ", but the key ring has "
                    + (keys.isEmpty() ? "no keys" : "only " + new TreeSet<>(keys.keySet()))
                    + ": add its key file <key-dir>/" + active + KEY_FILE_SUFFIX + " or graphium.secrets.keys."
                    + active);
        }
        if (active == null) {
            active = keys.size() == 1 ? keys.keySet().iterator().next() : legacyId;
        }
        return new KeyRing(keys, active);
    }

    private static void readKeyDir(Path dir, Map<String, SecretSealer> keys) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("graphium.secrets.key-dir " + dir + " is not a directory");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + KEY_FILE_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - KEY_FILE_SUFFIX.length());
                checkOwnerOnly(file);
                add(keys, id, SecretSealer.decode(Files.readString(file, StandardCharsets.US_ASCII),
                        "key file " + file), "key file " + file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key ring in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new random key to {@code dir/<id>.key}, readable and writable by the owner only (created so, never
     * wider for a moment), creating {@code dir} (owner only) when missing; returns the id: the key's fingerprint.
     */
    public static String newKeyFile(Path dir) {
        String base64 = SecretSealer.newBase64Key();
        String id = SecretSealer.fingerprint(SecretSealer.decode(base64, "new key"));
        Path file = dir.resolve(id + KEY_FILE_SUFFIX);
        try {
            boolean posix = Files.getFileStore(Files.exists(dir) ? dir : existingParent(dir))
                    .supportsFileAttributeView("posix");
            if (!Files.exists(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, base64 + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write a key file in " + dir + ": " + e, e);
        }
        return id;
    }

    private static Path existingParent(Path dir) {
        Path parent = dir.toAbsolutePath();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        return parent;
    }

    /** Refuses a key file that anyone but its owner may read or write (where the file system has POSIX modes). */
    static void checkOwnerOnly(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(NOT_OWNER::contains)) {
            throw new IllegalArgumentException("key file " + file + " is readable by others (mode "
                    + PosixFilePermissions.toString(permissions) + "): refusing it; allow its owner only, e.g. "
                    + "`chmod 600 " + file + "`");
        }
    }

    private static void add(Map<String, SecretSealer> keys, String id, byte[] bytes, String source) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(source + ": key id '" + id + "' must be 1 to 64 letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(source + " must hold 32 bytes (base64 of 32 random bytes), got "
                    + bytes.length);
        }
        SecretSealer sealer = SecretSealer.withId(id, bytes);
        SecretSealer existing = keys.putIfAbsent(id, sealer);
        if (existing != null && !java.security.MessageDigest.isEqual(existing.keyBytes(), bytes)) {
            throw new IllegalArgumentException(source + ": key id " + id + " is given twice with different keys");
        }
    }

    /** The key ids, in the order they were loaded. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The id of the key that seals; null when this ring cannot seal. */
    public String activeKeyId() {
        return activeKeyId;
    }

    public boolean canSeal() {
        return activeKeyId != null;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Seals with the active key; the value carries that key's id. */
    public SealedValue seal(String plaintext) {
        if (activeKeyId == null) {
            throw new IllegalStateException(keys.isEmpty()
                    ? "no sealing key configured: set graphium.secrets.key-dir (or graphium.secrets.sealing-key)"
                    : "the key ring has several keys " + new TreeSet<>(keys.keySet())
                    + " and none is active: set graphium.secrets.active-key");
        }
        return keys.get(activeKeyId).seal(plaintext);
    }

    /** Opens with the key the value names; fails saying which key is missing or that it does not verify. */
    public String open(SealedValue sealed) {
        SecretSealer sealer = keys.get(sealed.getKeyId());
        if (sealer == null) {
            throw new IllegalArgumentException("sealed with key " + sealed.getKeyId() + ", which is not in this "
                    + "process's key ring " + new TreeSet<>(keys.keySet()) + ": add that key (graphium.secrets"
                    + ".key-dir) on the orchestrator and every agent; keep retired keys until nothing sealed with "
                    + "them is stored");
        }
        return sealer.open(sealed);
    }

    /** True when {@code sealed} was sealed with a key other than the active one (a candidate for re-sealing). */
    public boolean sealedWithOldKey(SealedValue sealed) {
        return activeKeyId != null && !activeKeyId.equals(sealed.getKeyId());
    }

    /**
     * A 32-byte key for one purpose, derived from the active key with HKDF-SHA256 (RFC 5869; info = purpose), e.g.
     * {@code derivedKey("attribution")} to HMAC command attribution. Different purposes give unrelated keys, and no
     * derived key reveals the ring's keys.
     */
    public byte[] derivedKey(String purpose) {
        if (activeKeyId == null) {
            seal(""); // throws the explanation
        }
        return derivedKey(activeKeyId, purpose);
    }

    /** As {@link #derivedKey(String)}, from the key {@code keyId} (e.g. to verify what an older key derived). */
    public byte[] derivedKey(String keyId, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a derived key needs a purpose");
        }
        SecretSealer sealer = keys.get(keyId);
        if (sealer == null) {
            throw new IllegalArgumentException("no key " + keyId + " in the key ring " + new TreeSet<>(keys.keySet()));
        }
        return hkdf(sealer.keyBytes(), purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hkdf(byte[] inputKey, byte[] info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HKDF_SALT, "HmacSHA256"));
            byte[] pseudoRandomKey = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            return mac.doFinal(); // one block: 32 bytes
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Ids and which is active, never key material. */
    @Override
    public String toString() {
        return "KeyRing" + keys.keySet() + (activeKeyId == null ? " (none active)" : " active=" + activeKeyId);
    }
}
