package io.graphium.orchestrator.security;

import java.security.Principal;

/**
 * Who made a request, for attribution: the authenticated principal's name, never anything the client wrote in the
 * body or a header. Only with {@code graphium.security.enabled=false} is there no principal.
 */
public final class Callers {

    /** The name recorded when security is switched off. */
    public static final String UNAUTHENTICATED = "unauthenticated";

    private Callers() {
    }

    public static String name(Principal principal) {
        return principal == null || principal.getName() == null || principal.getName().isBlank() ? UNAUTHENTICATED
                : principal.getName();
    }
}
