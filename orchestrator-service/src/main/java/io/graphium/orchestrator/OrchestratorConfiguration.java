package io.graphium.orchestrator;

import io.graphium.admission.AdmissionPolicy;
import io.graphium.events.KeyRing;
import io.graphium.events.SecretSealer;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.api.PlanResults;
import io.graphium.orchestrator.history.HistoryLog;
import io.graphium.orchestrator.history.HistoryReader;
import io.graphium.orchestrator.hosts.HostInventory;
import io.graphium.orchestrator.hosts.HostInventoryListener;
import io.graphium.orchestrator.kafka.AvroMapping;
import io.graphium.orchestrator.kafka.DeploymentProcessor;
import io.graphium.orchestrator.kafka.DeploymentStore;
import io.graphium.orchestrator.kafka.OrchestratorListeners;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import io.graphium.orchestrator.security.CommandAttribution;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the orchestrator: state store (restored before any listener starts), processor, listeners. */
@Configuration(proxyBeanMethods = false)
class OrchestratorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrchestratorConfiguration.class);

    /** Millisecond ticks: what the events carry (timestamp-millis), so state restored after a restart is identical. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    AvroMapping avroMapping(KeyRing keys) {
        if (!keys.isEmpty() && !keys.canSeal()) {
            throw new IllegalStateException("the orchestrator seals secrets, but its key ring " + keys.keyIds()
                    + " has no active key: set graphium.secrets.active-key");
        }
        return new AvroMapping(keys);
    }

    @Bean
    DeploymentStore deploymentStore(KafkaConnection kafka, TopicProvisioner topics, AvroMapping mapping) {
        topics.ensure(Topics.STACK_STATUS);
        topics.ensure(Topics.STACK_DEFINITIONS);
        DeploymentStore store = new DeploymentStore();
        store.restore(kafka, mapping);
        return store;
    }

    @Bean
    @SuppressWarnings("unchecked")
    DeploymentProcessor deploymentProcessor(DeploymentStore store, EventPublisher publisher,
                                            KafkaTemplate<?, ?> template, TopicProvisioner topics,
                                            AvroMapping mapping, Clock clock, StackAdmission admission) {
        return new DeploymentProcessor(store, publisher, (KafkaTemplate<String, SpecificRecord>) template, topics,
                mapping, clock, admission);
    }

    /** The admission policy, {@code graphium.admission.*} (defaults: no host paths, any registry, see AdmissionPolicy). */
    @Bean
    StackAdmission stackAdmission(Environment environment) {
        AdmissionPolicy policy = Binder.get(environment).bind("graphium.admission", AdmissionPolicy.class)
                .orElse(AdmissionPolicy.DEFAULTS);
        log.info("Admission policy: {}", policy);
        return new StackAdmission(policy);
    }

    /** Deadlines are absolute times in the stacks' state, so checking them often is all a timer has to do. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService deadlineTimer(DeploymentProcessor processor) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stack-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                processor.expireDeadlines();
            } catch (RuntimeException e) {
                log.warn("checking stack deadlines failed; trying again in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        return timer;
    }

    @Bean
    OrchestratorListeners orchestratorListeners(DeploymentProcessor processor, CommandAttribution attribution) {
        return new OrchestratorListeners(processor, attribution);
    }

    /** The mark on REST-attributed stack commands, keyed from the key ring (docs/security/rest.md#attribution). */
    @Bean
    CommandAttribution commandAttribution(KeyRing keys) {
        if (!keys.canSeal()) {
            log.warn("no sealing key: REST command attribution uses a key of this process only");
        }
        return CommandAttribution.of(keys);
    }

    /** Every stack's history, read from the history topic (for the history API and the event streams). */
    @Bean
    HistoryLog historyLog() {
        return new HistoryLog();
    }

    @Bean(destroyMethod = "close")
    HistoryReader historyReader(KafkaConnection kafka, TopicProvisioner topics, HistoryLog history) {
        topics.ensure(Topics.STACK_HISTORY);
        HistoryReader reader = new HistoryReader(kafka, history);
        reader.start();
        return reader;
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
