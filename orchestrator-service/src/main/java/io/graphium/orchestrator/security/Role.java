package io.graphium.orchestrator.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The REST roles, weakest first. Each role implies every weaker one ({@code admin} implies {@code deploy} implies
 * {@code read}): a caller is granted its role's authority and those of every role below it, here and nowhere else.
 */
public enum Role {
    /** GET requests, the event streams (SSE), the dashboard's data. */
    READ,
    /** Stack writes: deploy, plan, start, stop, remove. */
    DEPLOY,
    /** Hosts (registration, status overrides), policy, actuator beyond health; everything not listed. */
    ADMIN;

    /** The name used in token files, JWT claims and the docs: {@code read}, {@code deploy}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring authority checked for this role ({@code ROLE_read} ...). */
    public String authority() {
        return "ROLE_" + id();
    }

    /** This role's authority and those of every role it implies. */
    public List<GrantedAuthority> grants() {
        return Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal())
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    /** The role one step below, if any (what the access matrix tries to be refused with). */
    public Optional<Role> below() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    public static Optional<Role> parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id == null ? null : id.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
