package io.graphium.orchestrator.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code graphium.security.*}: REST authentication. On unless {@code enabled=false} (an explicit choice for a closed
 * lab, logged as a warning). {@code tokens}: lines {@code NAME ROLE sha256:HEX} (env
 * {@code GRAPHIUM_SECURITY_TOKENS}, comma-separated); {@code tokens-file}: a file of such lines, read again when it
 * changes; {@code jwt}: how a JWT's claims name the caller and its role (the issuer itself is
 * {@code spring.security.oauth2.resourceserver.jwt.*}).
 */
@ConfigurationProperties("graphium.security")
public record SecurityProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> tokens,
                                 Path tokensFile, @DefaultValue Jwt jwt) {

    /** {@code principal-claim}: the caller's name (default {@code sub}); {@code roles-claim}: read/deploy/admin. */
    public record Jwt(@DefaultValue("sub") String principalClaim, @DefaultValue("roles") String rolesClaim) {
    }
}
