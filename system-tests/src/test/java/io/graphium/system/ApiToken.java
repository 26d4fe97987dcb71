package io.graphium.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A bearer token for a system under test and the line that makes the orchestrator accept it
 * ({@code NAME ROLE sha256:HEX}, as {@code graphium token create} prints it; docs/security/rest.md).
 */
record ApiToken(String name, String role, String token) {

    static ApiToken admin(String name) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new ApiToken(name, "admin", "gph_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The value for the orchestrator's GRAPHIUM_SECURITY_TOKENS. */
    String line() {
        try {
            return name + " " + role + " sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
