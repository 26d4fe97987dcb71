package io.graphium.orchestrator;

import io.graphium.admission.AdmissionPolicy;
import io.graphium.events.KeyRing;
import io.graphium.events.SecretSealer;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.TopicProvisioner;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.admission.StackAdmission;
import io.graphium.orchestrator.history.HistoryQuery;
import io.graphium.orchestrator.hosts.HostInventory;
import io.graphium.orchestrator.hosts.HostInventoryListener;
import io.graphium.orchestrator.kafka.AvroMapping;
import io.graphium.orchestrator.kafka.OrchestratorStreams;
import io.graphium.orchestrator.kafka.OrchestratorTopology;
import io.graphium.orchestrator.kafka.PlanResults;
import io.graphium.orchestrator.kafka.StackCommandPublisher;
import io.graphium.orchestrator.kafka.StackStatusView;
import io.graphium.orchestrator.application.CommandDecisions;
import io.graphium.orchestrator.application.StackInputs;
import io.graphium.orchestrator.application.StackService;
import io.graphium.kafka.EventSerialization;
import io.graphium.kafka.TransientFailure;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import java.time.Clock;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import io.graphium.orchestrator.security.CommandAttribution;

/** Wires the orchestrator: the topology and its read model, the application layer, history and hosts. */
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

    /** The application rules around the core that the topology applies to every input. */
    @Bean
    StackInputs stackInputs(StackAdmission admission) {
        return new StackInputs(admission);
    }

    /** The read model of every stack's latest status (a global store of the topology). */
    @Bean
    StackStatusView stackStatusView(KafkaConnection kafka) {
        return new StackStatusView(EventSerialization.valueDeserializer(kafka.registry()));
    }

    /** The orchestrator's topology (docs/architecture.md#orchestrator). */
    @Bean
    OrchestratorTopology.Built orchestratorTopology(KafkaConnection kafka, TopicProvisioner topics,
                                                    StackInputs inputs, AvroMapping mapping,
                                                    CommandAttribution attribution, Clock clock,
                                                    StackStatusView statusView) {
        // Sources must exist before the topology starts (a missing one stops it).
        List.of(Topics.STACK_COMMANDS, Topics.PLACEMENT_RESULTS, Topics.STACK_STATUS, Topics.STACK_DEFINITIONS,
                Topics.STACK_HISTORY, Topics.PLACEMENT_REQUESTS).forEach(topics::ensure);
        return OrchestratorTopology.create(inputs, mapping, kafka.registry(), topics, attribution,
                TransientFailure.UNREACHABLE, clock, statusView);
    }

    /** The topology, running: exactly-once, sharing the stack partitions with the other instances. */
    @Bean
    OrchestratorStreams orchestratorStreams(OrchestratorTopology.Built topology, KafkaConnection kafka,
                                            StackStatusView statusView,
                                            @Value("${graphium.orchestrator.state-dir:}") String stateDir,
                                            @Value("${graphium.orchestrator.standby-replicas:1}") int standbys,
                                            @Value("${graphium.orchestrator.stream-threads:1}") int threads,
                                            @Value("${graphium.orchestrator.start-deadline:2m}") Duration deadline,
                                            @Value("${graphium.orchestrator.session-timeout:10s}")
                                            Duration sessionTimeout) {
        return new OrchestratorStreams(topology.topology(), kafka, new OrchestratorStreams.Settings(
                stateDir.isBlank() ? null : Path.of(stateDir), standbys, deadline, threads, sessionTimeout),
                statusView);
    }

    /** Every stack's history, from the topology's history store (for the history API and the event streams). */
    @Bean
    HistoryQuery historyQuery(OrchestratorTopology.Built topology, OrchestratorStreams streams) {
        return topology.history().query(streams.kafkaStreams());
    }

    /** Readiness: the topology processes its partitions. */
    @Bean(name = "streamsHealthIndicator")
    AbstractHealthIndicator streamsHealthIndicator(OrchestratorStreams streams) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder health) {
                (streams.isProcessing() ? health.up() : health.outOfService()).withDetail("state",
                        streams.state().name());
            }
        };
    }

    /** Decisions on the commands this instance sent, from the read model and the history. */
    @Bean
    CommandDecisions commandDecisions(StackStatusView statusView, HistoryQuery history) {
        CommandDecisions decisions = new CommandDecisions();
        statusView.onChange(decisions::stackChanged);
        history.subscribe(null, null, entry -> decisions.historyRecorded(entry.view().eventId(),
                entry.view().deploymentId(), entry.view().kind(), entry.view().message()));
        return decisions;
    }

    @Bean
    StackCommandPublisher stackCommandPublisher(EventPublisher publisher, AvroMapping mapping,
                                                CommandAttribution attribution) {
        return new StackCommandPublisher(publisher, mapping, attribution);
    }

    @Bean
    StackService stackService(StackAdmission admission, StackCommandPublisher commands, StackStatusView statusView,
                              CommandDecisions decisions, Clock clock,
                              @Value("${graphium.orchestrator.decision-wait:5s}") Duration decisionWait) {
        return new StackService(admission, commands, statusView, decisions, clock, decisionWait);
    }

    /** The admission policy, {@code graphium.admission.*} (defaults: no host paths, any registry, see AdmissionPolicy). */
    @Bean
    StackAdmission stackAdmission(Environment environment) {
        AdmissionPolicy policy = Binder.get(environment).bind("graphium.admission", AdmissionPolicy.class)
                .orElse(AdmissionPolicy.DEFAULTS);
        log.info("Admission policy: {}", policy);
        return new StackAdmission(policy);
    }

    /** The mark on REST-attributed stack commands, keyed from the key ring (docs/security/rest.md#attribution). */
    @Bean
    CommandAttribution commandAttribution(KeyRing keys) {
        if (!keys.canSeal()) {
            log.warn("no sealing key: REST command attribution uses a key of this process only");
        }
        return CommandAttribution.of(keys);
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

    /** Dry runs ({@code POST /api/v1/stacks/plan}): publishes them and hands the results to the requests waiting. */
    @Bean
    PlanResults planResults(EventPublisher publisher) {
        return new PlanResults(publisher);
    }
}
