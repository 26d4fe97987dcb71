package io.graphium.kafka.acl;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Applies an {@link AccessPlan} to a cluster as its admin: creates the topics that are missing (existing ones are
 * left as they are) and adds every ACL (adding an ACL that exists changes nothing, so applying twice is safe).
 */
public final class AclProvisioner {

    /** What an apply did. */
    public record Result(List<String> createdTopics, int acls) {
    }

    private static final Duration IN_EFFECT_DEADLINE = Duration.ofSeconds(60);

    private AclProvisioner() {
    }

    private static void awaitInEffect(Admin admin, List<String> topics, List<AclBinding> bindings)
            throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(IN_EFFECT_DEADLINE);
        while (true) {
            Set<String> served = admin.listTopics().names().get();
            Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get();
            List<String> topicsPending = topics.stream().filter(t -> !served.contains(t)).toList();
            long aclsPending = bindings.stream().filter(b -> !acls.contains(b)).count();
            if (topicsPending.isEmpty() && aclsPending == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the broker does not serve what was applied after "
                        + IN_EFFECT_DEADLINE.toSeconds() + " s: topics " + topicsPending + ", " + aclsPending
                        + " ACLs");
            }
            Thread.sleep(100); // polling interval of a deadline-bounded wait
        }
    }

    /** The Kafka binding of one rule: ALLOW from any host. */
    public static AclBinding binding(Acl acl) {
        ResourceType type = switch (acl.resource()) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
            case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
        };
        PatternType pattern = switch (acl.pattern()) {
            case LITERAL -> PatternType.LITERAL;
            case PREFIXED -> PatternType.PREFIXED;
        };
        AclOperation operation = switch (acl.operation()) {
            case READ -> AclOperation.READ;
            case WRITE -> AclOperation.WRITE;
            case CREATE -> AclOperation.CREATE;
            case DELETE -> AclOperation.DELETE;
            case DESCRIBE -> AclOperation.DESCRIBE;
        };
        return new AclBinding(new ResourcePattern(type, acl.name(), pattern),
                new AccessControlEntry(acl.kafkaPrincipal(), "*", operation, AclPermissionType.ALLOW));
    }

    /**
     * Creates the missing topics of {@code plan}, then adds its ACLs, and returns once the broker serves both: the
     * controller acknowledges before the brokers have applied the metadata, and a service started in that gap
     * would see neither its topics nor its rights.
     */
    public static Result apply(Admin admin, AccessPlan plan) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = plan.topics().stream().flatMap(t -> t.declarations().stream())
                    .filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            List<AclBinding> bindings = plan.acls().stream().map(AclProvisioner::binding).toList();
            admin.createAcls(bindings).all().get();
            awaitInEffect(admin, missing.stream().map(NewTopic::name).toList(), bindings);
            return new Result(missing.stream().map(NewTopic::name).toList(), plan.acls().size());
        } catch (ExecutionException e) {
            throw new IllegalStateException("applying the ACL plan failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying the ACL plan", e);
        }
    }
}
