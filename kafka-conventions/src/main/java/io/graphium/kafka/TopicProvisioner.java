package io.graphium.kafka;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.AuthorizationException;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates topics that appear at run time (one command topic per host) the first time they are needed; existing
 * topics are left as they are. Safe to call from many threads and processes: creating an existing topic is a no-op.
 */
public class TopicProvisioner {

    private final KafkaAdmin admin;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public TopicProvisioner(KafkaAdmin admin) {
        this.admin = admin;
    }

    /** Makes sure {@code topic} and its dead-letter topic exist. */
    public void ensure(Topic topic) {
        if (known.contains(topic.name())) {
            return;
        }
        try {
            admin.createOrModifyTopics(topic.declarations().toArray(NewTopic[]::new));
        } catch (RuntimeException e) { // spring-kafka's KafkaException, cause = the broker's error
            if (e.getCause() instanceof AuthorizationException) {
                // A secured service holds no CREATE: its topics are the operator's `graphium acl apply`.
                throw new IllegalStateException("topic " + topic.name() + " (or its dead-letter topic) is missing or"
                        + " not visible to this principal, and it may not create it: run `graphium acl apply` as the"
                        + " cluster admin (" + e.getCause().getMessage() + ")", e);
            }
            throw e;
        }
        known.add(topic.name());
    }
}
