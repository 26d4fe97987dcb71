package io.graphium.kafka.acl;

/**
 * One ALLOW rule of the Kafka authorizer: {@code principal} may do {@code operation} on the resource(s) named
 * {@code name} (exactly, or every name starting with it). Nothing is ever denied explicitly: with
 * {@code allow.everyone.if.no.acl.found=false}, whatever no rule allows is refused.
 */
public record Acl(String principal, Resource resource, Pattern pattern, String name, Operation operation) {

    /**
     * The kinds of resources Graphium's rules name: topics, consumer groups, and the transactional ids of
     * transactional producers (the orchestrator's Kafka Streams application with {@code exactly_once_v2}).
     */
    public enum Resource { TOPIC, GROUP, TRANSACTIONAL_ID }

    /** How {@link #name} matches: the one resource of that name, or every resource whose name starts with it. */
    public enum Pattern { LITERAL, PREFIXED }

    /**
     * The operations Graphium's rules grant (Kafka's ACL operations of the same names). CREATE and DELETE are only
     * ever granted on the orchestrator's own Kafka Streams internal topics ({@code graphium-orchestrator-*}): no
     * principal may create or delete a {@code graphium.} topic.
     */
    public enum Operation { READ, WRITE, CREATE, DELETE, DESCRIBE }

    public Acl {
        if (principal == null || principal.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("an ACL needs a principal and a resource name");
        }
    }

    /** Whether this rule allows {@code operation} on the resource {@code resourceName} of kind {@code kind}. */
    public boolean allows(String user, Resource kind, String resourceName, Operation op) {
        return principal.equals(user) && resource == kind && operation == op
                && (pattern == Pattern.LITERAL ? name.equals(resourceName) : resourceName.startsWith(name));
    }

    /** The Kafka principal string, {@code User:<name>}. */
    public String kafkaPrincipal() {
        return "User:" + principal;
    }
}
