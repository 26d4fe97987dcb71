package io.graphium.orchestrator;

import io.graphium.events.SecretSealer;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.GraphiumKafkaProperties;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.api.PlanResults;
import io.graphium.orchestrator.hosts.HostInventory;
import io.graphium.orchestrator.hosts.HostInventoryListener;
import io.graphium.orchestrator.kafka.AvroMapping;
import io.graphium.orchestrator.kafka.DeploymentProcessor;
import io.graphium.orchestrator.kafka.DeploymentStore;
import io.graphium.orchestrator.kafka.OrchestratorListeners;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the orchestrator: state store (restored before any listener starts), processor, listeners. */
@Configuration(proxyBeanMethods = false)
class OrchestratorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AvroMapping avroMapping(@Value("${graphium.secrets.sealing-key:}") String sealingKey) {
        return new AvroMapping(sealingKey.isBlank() ? null : SecretSealer.fromBase64(sealingKey));
    }

    @Bean
    DeploymentStore deploymentStore(KafkaProperties kafka, GraphiumKafkaProperties graphium, TopicProvisioner topics,
                                    AvroMapping mapping) {
        topics.ensure(Topics.STACK_STATUS);
        topics.ensure(Topics.STACK_DEFINITIONS);
        DeploymentStore store = new DeploymentStore();
        store.restore(String.join(",", kafka.getBootstrapServers()), graphium.registryUrl(), mapping);
        return store;
    }

    @Bean
    DeploymentProcessor deploymentProcessor(DeploymentStore store, EventPublisher publisher, TopicProvisioner topics,
                                            AvroMapping mapping, Clock clock) {
        return new DeploymentProcessor(store, publisher, topics, mapping, clock);
    }

    @Bean
    OrchestratorListeners orchestratorListeners(DeploymentProcessor processor) {
        return new OrchestratorListeners(processor);
    }

    /** Hosts as the API shows them; an agent host silent for longer than the TTL shows as OFFLINE. */
    @Bean
    HostInventory hostInventory(Clock clock, @Value("${graphium.orchestrator.host-ttl:6s}") Duration ttl) {
        return new HostInventory(clock, ttl);
    }

    @Bean
    HostInventoryListener hostInventoryListener(HostInventory inventory) {
        return new HostInventoryListener(inventory);
    }

    /** Dry-run results for the requests waiting on them ({@code POST /api/v1/stacks/plan}). */
    @Bean
    PlanResults planResults() {
        return new PlanResults();
    }
}
