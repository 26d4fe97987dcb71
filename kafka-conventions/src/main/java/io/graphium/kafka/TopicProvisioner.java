package io.graphium.kafka;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
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
        admin.createOrModifyTopics(topic.declarations().toArray(NewTopic[]::new));
        known.add(topic.name());
    }
}
