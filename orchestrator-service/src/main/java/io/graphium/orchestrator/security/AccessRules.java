package io.graphium.orchestrator.security;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one table of who may call what: endpoint (method and path pattern) to the role it needs, first match wins.
 * Anything not listed needs {@link Role#ADMIN} (default deny). {@code docs/security/rest.md} shows this table;
 * {@code ApiAccessMatrixTest} checks that the doc matches it and that every endpoint behaves as it says.
 */
public final class AccessRules {

    /** Who may call: nobody needs a token ({@code role} empty), or at least {@code role}. */
    public record Rule(HttpMethod method, String pattern, Optional<Role> role, String why) {

        static Rule open(HttpMethod method, String pattern, String why) {
            return new Rule(method, pattern, Optional.empty(), why);
        }

        static Rule needs(HttpMethod method, String pattern, Role role, String why) {
            return new Rule(method, pattern, Optional.of(role), why);
        }

        /** {@code read}, {@code deploy}, {@code admin} or {@code none} (no token). */
        public String roleId() {
            return role.map(Role::id).orElse("none");
        }

        boolean matches(HttpMethod requestMethod, String path) {
            return (method == null || method.equals(requestMethod))
                    && PARSER.parse(pattern).matches(PathContainer.parsePath(path));
        }
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    public static final List<Rule> RULES = List.of(
            Rule.open(HttpMethod.GET, "/actuator/health", "liveness/readiness probes"),
            Rule.open(HttpMethod.GET, "/actuator/health/**", "liveness/readiness probes"),
            Rule.open(HttpMethod.GET, "/", "dashboard page (no data; it asks for a token)"),
            Rule.open(HttpMethod.GET, "/index.html", "dashboard page"),
            Rule.open(HttpMethod.GET, "/dashboard.js", "dashboard script"),
            Rule.open(HttpMethod.GET, "/dashboard.css", "dashboard style"),
            Rule.open(null, "/error", "Spring's error page (renders the status of a refused request)"),
            Rule.needs(HttpMethod.POST, "/api/v1/stacks/plan", Role.DEPLOY, "dry-run placement of a definition"),
            Rule.needs(HttpMethod.POST, "/api/v1/stacks", Role.DEPLOY, "deploy a stack"),
            Rule.needs(HttpMethod.POST, "/api/v1/stacks/{stackId}/start", Role.DEPLOY, "start a stack"),
            Rule.needs(HttpMethod.POST, "/api/v1/stacks/{stackId}/stop", Role.DEPLOY, "stop a stack"),
            Rule.needs(HttpMethod.DELETE, "/api/v1/stacks/{stackId}", Role.DEPLOY, "remove a stack"),
            Rule.needs(HttpMethod.GET, "/api/v1/policy", Role.ADMIN, "the admission policy in force"),
            Rule.needs(HttpMethod.GET, "/api/v1/**", Role.READ, "stacks, history, hosts, event streams (SSE)"),
            Rule.needs(HttpMethod.POST, "/api/v1/hosts", Role.ADMIN, "register a host by hand"),
            Rule.needs(HttpMethod.PUT, "/api/v1/hosts/{hostId}/status", Role.ADMIN, "host status override"),
            Rule.needs(null, "/actuator/**", Role.ADMIN, "actuator beyond health"));

    /** What everything else needs. */
    public static final Role DEFAULT = Role.ADMIN;

    private AccessRules() {
    }

    /** The first rule that applies to {@code method path}; empty means {@link #DEFAULT}. */
    public static Optional<Rule> ruleFor(HttpMethod method, String path) {
        return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    /** The role {@code method path} needs; empty means it needs no token. */
    public static Optional<Role> required(HttpMethod method, String path) {
        return ruleFor(method, path).map(Rule::role).orElse(Optional.of(DEFAULT));
    }

    static PathPattern parse(String pattern) {
        return PARSER.parse(pattern);
    }
}
