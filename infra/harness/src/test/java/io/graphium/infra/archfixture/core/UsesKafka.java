package io.graphium.infra.archfixture.core;

import org.apache.kafka.common.TopicPartition;

/** Fixture: a core class that uses Kafka. */
public final class UsesKafka {
    public static String name(TopicPartition partition) {
        return partition.topic();
    }
}
