package io.graphium.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/** "kafka" health: UP when the cluster answers a metadata request within a short deadline; part of readiness. */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private final AdminClient admin;

    public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka cluster is unreachable");
        this.admin = AdminClient.create(Map.copyOf(kafkaAdmin.getConfigurationProperties()));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) DEADLINE.toMillis()));
        String clusterId = cluster.clusterId().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
