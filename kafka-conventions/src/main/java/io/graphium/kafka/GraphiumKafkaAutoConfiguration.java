package io.graphium.kafka;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Applies the Kafka conventions to every Graphium service: Spring Boot builds the clients from {@code spring.kafka.*}
 * (bootstrap servers, security), and this adds serialization, producer safety, topic declarations and dead letters.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(GraphiumKafkaProperties.class)
public class GraphiumKafkaAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer graphiumProducerSettings(GraphiumKafkaProperties properties) {
        return factory -> factory.updateConfigs(KafkaClientSettings.producerSettings(properties.registryClient()));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer graphiumConsumerSettings(GraphiumKafkaProperties properties) {
        return factory -> factory.updateConfigs(KafkaClientSettings.consumerSettings(properties.registryClient()));
    }

    @Bean
    @SuppressWarnings("unchecked")
    EventPublisher eventPublisher(KafkaTemplate<?, ?> kafkaTemplate) {
        return new EventPublisher((KafkaTemplate<String, SpecificRecord>) kafkaTemplate);
    }

    /** Where and how hand-built clients connect: exactly Spring's settings, plus the registry client. */
    @Bean
    KafkaConnection kafkaConnection(KafkaProperties kafkaProperties, GraphiumKafkaProperties properties) {
        return KafkaConnection.of(kafkaProperties, properties.registryClient());
    }

    @Bean
    SchemaRegistrar schemaRegistrar(GraphiumKafkaProperties properties) {
        return new SchemaRegistrar(properties.registryClient());
    }

    @Bean
    TopicProvisioner topicProvisioner(KafkaAdmin kafkaAdmin) {
        return new TopicProvisioner(kafkaAdmin);
    }

    /** Dead letters keep the original bytes when they could not be read, and the event when processing failed. */
    @Bean
    CommonErrorHandler deadLetterErrorHandler(KafkaProperties kafkaProperties, GraphiumKafkaProperties properties,
                                              ObjectProvider<TransientFailure> transients) {
        Map<String, Object> settings = kafkaProperties.buildProducerProperties();
        settings.putAll(KafkaClientSettings.producerSettings(properties.registryClient()));
        settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters-" + settings.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "graphium"));
        DelegatingByTypeSerializer keys = new DelegatingByTypeSerializer(
                Map.of(String.class, new StringSerializer(), byte[].class, new ByteArraySerializer()));
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(
                Map.of(byte[].class, new ByteArraySerializer(), SpecificRecord.class,
                        EventSerialization.valueSerializer(properties.registryClient())), true);
        ProducerFactory<Object, Object> producers = new DefaultKafkaProducerFactory<>(settings, keys, values);
        return DeadLetters.errorHandler(new KafkaTemplate<>(producers), properties.retryInterval().toMillis(),
                properties.processingRetries(), transients.orderedStream().toList());
    }

    /**
     * Declares the shared topics and their dead-letter topics at start-up (existing ones are left as they are).
     * Host agents turn it off ({@code graphium.kafka.declare-shared-topics=false}): they use none of them, and on a
     * secured cluster their principal may not even see them.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "graphium.kafka.declare-shared-topics",
            havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics graphiumTopics() {
        return new KafkaAdmin.NewTopics(Topics.SHARED.stream().flatMap(t -> t.declarations().stream())
                .toArray(NewTopic[]::new));
    }

    /** Readiness follows the broker: a service that cannot reach Kafka can do nothing useful. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static class KafkaHealthConfiguration {
        @Bean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
            return new KafkaHealthIndicator(kafkaAdmin);
        }
    }
}
