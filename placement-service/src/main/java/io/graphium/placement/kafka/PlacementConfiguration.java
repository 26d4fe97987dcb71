package io.graphium.placement.kafka;

import io.graphium.placement.core.PlacementEngine;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/** Wires the pure placement engine to Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlacementProperties.class)
class PlacementConfiguration {

    /** Name of the post-processor that gives the inventory listener idle events (see HostInventoryListener). */
    static final String INVENTORY_IDLE_EVENTS = "inventoryIdleEvents";

    @Bean
    PlacementEngine placementEngine(PlacementProperties properties) {
        return new PlacementEngine(properties.settings());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RecentAnswers recentAnswers(PlacementProperties properties) {
        return new RecentAnswers(properties.answersRemembered());
    }

    @Bean
    DecisionReplay decisionReplay(ConsumerFactory<String, Object> consumerFactory, PlacementProperties properties) {
        return new DecisionReplay(consumerFactory, properties.settings().reservationTtl());
    }

    @Bean
    InventoryProgress inventoryProgress() {
        return new InventoryProgress();
    }

    /** A long-lived admin client for the per-request end-offset lookups (KafkaAdmin opens one per call). */
    @Bean(destroyMethod = "close")
    Admin placementAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    InventoryGate inventoryGate(Admin placementAdmin, InventoryProgress progress, PlacementProperties properties) {
        return new InventoryGate(placementAdmin, progress, properties.inventoryWait());
    }

    @Bean(INVENTORY_IDLE_EVENTS)
    ContainerPostProcessor<String, Object, AbstractMessageListenerContainer<String, Object>> inventoryIdleEvents() {
        return container -> container.getContainerProperties().setIdleEventInterval(500L);
    }
}
