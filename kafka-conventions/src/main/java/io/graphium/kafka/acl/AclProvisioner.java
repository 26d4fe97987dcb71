package io.graphium.kafka.acl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
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

    private AclProvisioner() {
    }

    /** The Kafka binding of one rule: ALLOW from any host. */
    public static AclBinding binding(Acl acl) {
        ResourceType type = switch (acl.resource()) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
        };
        PatternType pattern = switch (acl.pattern()) {
            case LITERAL -> PatternType.LITERAL;
            case PREFIXED -> PatternType.PREFIXED;
        };
        AclOperation operation = switch (acl.operation()) {
            case READ -> AclOperation.READ;
            case WRITE -> AclOperation.WRITE;
            case DESCRIBE -> AclOperation.DESCRIBE;
        };
        return new AclBinding(new ResourcePattern(type, acl.name(), pattern),
                new AccessControlEntry(acl.kafkaPrincipal(), "*", operation, AclPermissionType.ALLOW));
    }

    /** Creates the missing topics of {@code plan}, then adds its ACLs. */
    public static Result apply(Admin admin, AccessPlan plan) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = plan.topics().stream().flatMap(t -> t.declarations().stream())
                    .filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            admin.createAcls(plan.acls().stream().map(AclProvisioner::binding).toList()).all().get();
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
