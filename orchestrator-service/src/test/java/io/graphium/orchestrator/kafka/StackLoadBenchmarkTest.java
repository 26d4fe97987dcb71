package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.HealthStatus;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementRequested;
import io.graphium.events.PlacementStrategy;
import io.graphium.events.StackDeployRequested;
import io.graphium.kafka.EventSerialization;
import io.graphium.kafka.KafkaClientSettings;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import io.graphium.kafka.test.GraphiumKafkaTest;
import io.graphium.orchestrator.OrchestratorOverKafka;
import io.graphium.orchestrator.core.StackDefinitionParser;
import io.graphium.orchestrator.core.lifecycle.StackDeployment;
import io.graphium.orchestrator.core.lifecycle.StackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Load proof: N stacks submitted at once all reach a final state, and how fast. The real orchestrator (Spring
 * context, Kafka Streams, embedded broker, real registry) runs against a simulated placement service, which answers
 * every placement request by spreading the containers over three hosts, and three simulated agents, which answer
 * every {@code DeployContainer} on their host's commands topic as a real agent would: RUNNING, then HEALTHY where the
 * container has a health check, on their host's reports topic. Each stack is a database with a command health check
 * and an app that waits for it to be healthy. All N {@code StackDeployRequested} go straight to the stack commands
 * topic in one burst; each stack's time runs from its send to the read model ({@link StackStatusView}) showing it
 * RUNNING.
 *
 * <p>N is {@code graphium.load.stacks} (default 100, so that CI stays fast). The figure of issue 12 is with 1,000:
 * <pre>./mvnw -B -ntp -o test -pl orchestrator-service -Dtest=StackLoadBenchmarkTest -Dgraphium.load.stacks=1000</pre>
 * The {@code MEASURED load:} line is in {@code orchestrator-service/target/surefire-reports/
 * io.graphium.orchestrator.kafka.StackLoadBenchmarkTest-output.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@GraphiumKafkaTest
class StackLoadBenchmarkTest extends OrchestratorOverKafka {

    private static final int STACKS = Integer.getInteger("graphium.load.stacks", 100);
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");
    private static final Duration READY = Duration.ofSeconds(60);
    /** db with a command health check; app waits for db to be healthy. */
    private static final String STACK = """
            {"name": "load", "itemListElement": [
              {"name": "db", "image": "postgres:16", "ports": [{"containerPort": 5432}],
               "healthCheck": {"type": "command", "command": ["pg_isready"]}},
              {"name": "app", "image": "app:1", "ports": [{"containerPort": 8080}],
               "dependsOn": [{"name": "db", "waitForHealthy": true}]}
            ]}""";

    @Autowired
    AvroMapping mapping;
    @Autowired
    StackStatusView statusView;
    @Autowired
    OrchestratorStreams streams;

    private final List<Responder> responders = new ArrayList<>();

    @AfterEach
    void stopResponders() {
        responders.forEach(Responder::close);
    }

    @Test
    void stacksSubmittedAtOnceAllReachRunning() throws Exception {
        // given: three hosts whose agents have created their topics and answer, and placement answering
        registerSchemasOfTheSimulatedServices();
        for (String host : HOSTS) {
            topics.ensure(Topics.hostCommands(host));
            reports(host);
            responders.add(new Responder("agent " + host, Topics.hostCommands(host), agent(host)));
        }
        responders.add(new Responder("placement", Topics.PLACEMENT_REQUESTS, this::place));
        await("the orchestrator reads every host's reports topic").atMost(READY).until(this::readsAllReportTopics);
        await("the simulated services have their partitions").atMost(READY)
                .until(() -> responders.stream().allMatch(Responder::assigned));

        Map<String, Long> submitted = new ConcurrentHashMap<>();
        Map<String, Long> finished = new ConcurrentHashMap<>();
        Map<String, StackStatus> outcome = new ConcurrentHashMap<>();
        Consumer<StackDeployment> listener = stack -> {
            long at = System.nanoTime();
            if (submitted.containsKey(stack.stackId()) && isFinal(stack.status())
                    && finished.putIfAbsent(stack.stackId(), at) == null) {
                outcome.put(stack.stackId(), stack.status());
            }
        };
        statusView.onChange(listener);
        io.graphium.events.StackDefinition definition = mapping.definition(StackDefinitionParser.parse(STACK)
                .definition());
        Duration deadline = Duration.ofMinutes(2).plusMillis(500L * STACKS);

        // when: N deployments submitted in one burst
        long start = System.nanoTime();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> producer = KafkaClientSettings.newProducer(brokers, registry)) {
            for (int i = 0; i < STACKS; i++) {
                String stackId = String.format("load-%04d", i);
                submitted.put(stackId, System.nanoTime());
                sends.add(producer.send(new ProducerRecord<>(Topics.STACK_COMMANDS.name(), stackId,
                        StackDeployRequested.newBuilder().setCommandId(UUID.randomUUID().toString())
                                .setRequestedAt(Instant.now()).setStackId(stackId).setDefinition(definition)
                                .build())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(); // every deploy request was written
            }
        }

        // then: every stack reaches a final state by the deadline, and every one is RUNNING
        try {
            await("every stack in a final state").atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> finished.size() == STACKS || !responderFailures().isEmpty());
        } catch (ConditionTimeoutException e) {
            fail("after " + deadline.toSeconds() + " s, " + (STACKS - finished.size()) + " of " + STACKS
                    + " stacks are not in a final state: " + census(submitted.keySet()));
        } finally {
            statusView.removeListener(listener);
        }
        if (!responderFailures().isEmpty()) {
            fail("a simulated service failed: " + responderFailures() + "; stacks: " + census(submitted.keySet()));
        }
        if (outcome.containsValue(StackStatus.FAILED)) {
            fail("not every stack is RUNNING: " + census(submitted.keySet()));
        }
        assertThat(submitted.keySet()).as("RUNNING in the read model").allSatisfy(stackId ->
                assertThat(statusView.get(stackId)).as(stackId)
                        .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(StackStatus.RUNNING)));
        long end = finished.values().stream().mapToLong(Long::longValue).max().orElseThrow();

        List<Long> millis = submitted.entrySet().stream()
                .map(e -> (finished.get(e.getKey()) - e.getValue()) / 1_000_000).sorted().toList();
        double seconds = (end - start) / 1e9;
        System.out.printf("MEASURED load: %d stacks submitted at once -> all RUNNING in %.1f s (%.1f stacks/s; per "
                        + "stack p50 %d ms, p99 %d ms, max %d ms from submit to RUNNING)%n", STACKS, seconds,
                STACKS / seconds, percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1));
        var machine = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("measured on %d cores, system load average %.1f (other processes share them)%n",
                machine.getAvailableProcessors(), machine.getSystemLoadAverage());
    }

    // ---- the simulated placement service and agents ------------------------------------------------------------

    private int placed;

    /** Spreads each deployment's containers over the three hosts, round robin. */
    private List<ProducerRecord<String, SpecificRecord>> place(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof PlacementRequested request) || request.getDryRun()) {
            return List.of();
        }
        List<ContainerPlacement> placements = new ArrayList<>();
        for (var demand : request.getContainers()) {
            int host = placed++ % HOSTS.size();
            placements.add(ContainerPlacement.newBuilder().setContainerName(demand.getContainerName())
                    .setHostId(HOSTS.get(host)).setHostIp("10.9.0." + (host + 1)).setPorts(demand.getPorts())
                    .build());
        }
        return List.of(new ProducerRecord<>(Topics.PLACEMENT_RESULTS.name(), request.getStackId(), PlacementDecided
                .newBuilder().setEventId(UUID.randomUUID().toString()).setCausationId(request.getCommandId())
                .setOccurredAt(Instant.now()).setStackId(request.getStackId())
                .setDeploymentId(request.getDeploymentId()).setStrategy(request.getStrategy())
                .setPlacements(placements).build()));
    }

    /** Host {@code host}'s agent: a deployed container runs at once; one with a health check is healthy next. */
    private static Function<ConsumerRecord<String, SpecificRecord>, List<ProducerRecord<String, SpecificRecord>>>
            agent(String host) {
        String reports = Topics.hostReports(host).name();
        return record -> {
            if (!(record.value() instanceof DeployContainer deploy)) {
                return List.of();
            }
            var spec = deploy.getSpec();
            String key = Topics.statusKey(spec.getStackId(), spec.getContainerName());
            List<HealthStatus> healths = spec.getHealthCheck() == null ? List.of(HealthStatus.NONE)
                    : List.of(HealthStatus.STARTING, HealthStatus.HEALTHY);
            return healths.stream().map(health -> new ProducerRecord<String, SpecificRecord>(reports, key,
                    ContainerStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setCausationId(deploy.getCommandId()).setCommandId(deploy.getCommandId())
                            .setOccurredAt(Instant.now()).setHostId(host).setStackId(spec.getStackId())
                            .setDeploymentId(spec.getDeploymentId()).setContainerName(spec.getContainerName())
                            .setState(ContainerState.RUNNING).setHealth(health)
                            .setDockerId("sim-" + spec.getDockerName()).build())).toList();
        };
    }

    /**
     * Registers what the simulated services send, one schema after the other, before they start: three agents
     * auto-registering the same new schema at the same instant race in the registry, and the loser's send fails
     * (seen here as {@code io.apicurio.registry.rest.client.v2.models.Error}, not retried).
     */
    private void registerSchemasOfTheSimulatedServices() {
        try (Serializer<SpecificRecord> serializer = EventSerialization.valueSerializer(registry)) {
            serializer.serialize(Topics.PLACEMENT_RESULTS.name(), PlacementDecided.newBuilder().setEventId("schema")
                    .setOccurredAt(Instant.now()).setStackId("schema").setDeploymentId("schema")
                    .setStrategy(PlacementStrategy.AUTO).setPlacements(List.of()).build());
            serializer.serialize(Topics.hostReports(HOSTS.get(0)).name(), ContainerStatusChanged.newBuilder()
                    .setEventId("schema").setOccurredAt(Instant.now()).setHostId(HOSTS.get(0)).setStackId("schema")
                    .setDeploymentId("schema").setContainerName("schema").setState(ContainerState.RUNNING).build());
        }
    }

    /**
     * A simulated service: one consumer (read_committed, as the orchestrator writes in transactions) polling its
     * topic in batches on its own thread, and one producer sending every answer without waiting for each.
     */
    private final class Responder implements AutoCloseable {

        private final String name;
        private final KafkaConsumer<String, SpecificRecord> consumer;
        private final KafkaProducer<String, SpecificRecord> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean assigned;
        private volatile boolean running = true;

        Responder(String name, Topic topic, Function<ConsumerRecord<String, SpecificRecord>,
                List<ProducerRecord<String, SpecificRecord>>> answer) {
            this.name = name;
            this.consumer = KafkaClientSettings.newConsumer(brokers, registry, "load-" + UUID.randomUUID(),
                    Map.of("max.poll.records", 1000));
            this.producer = KafkaClientSettings.newProducer(brokers, registry);
            consumer.subscribe(List.of(topic.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned |= !partitions.isEmpty();
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            thread = new Thread(() -> run(answer), "load-" + name.replace(' ', '-'));
            thread.setDaemon(true);
            thread.start();
        }

        private void run(Function<ConsumerRecord<String, SpecificRecord>,
                List<ProducerRecord<String, SpecificRecord>>> answer) {
            try {
                while (running) {
                    for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
                        for (ProducerRecord<String, SpecificRecord> reply : answer.apply(record)) {
                            try {
                                producer.send(reply, (metadata, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                            } catch (RuntimeException e) { // e.g. the registry refused the schema: noted, goes on
                                failure.compareAndSet(null, e);
                            }
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // closed
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        boolean assigned() {
            return assigned;
        }

        String failure() {
            Exception e = failure.get();
            return e == null ? null : name + ": " + e;
        }

        @Override
        public void close() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static boolean isFinal(StackStatus status) {
        return status == StackStatus.RUNNING || status == StackStatus.FAILED;
    }

    /** True once the orchestrator's pattern subscription has found every host's reports topic. */
    private boolean readsAllReportTopics() {
        Set<String> read = streams.kafkaStreams().metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream()).map(TopicPartition::topic)
                .collect(Collectors.toSet());
        return HOSTS.stream().allMatch(host -> read.contains(Topics.hostReports(host).name()));
    }

    /** How many stacks are in each status, with an example of each, for a failure message. */
    private String census(Set<String> stackIds) {
        Map<String, List<String>> byStatus = new TreeMap<>();
        for (String stackId : new TreeSet<>(stackIds)) {
            String status = statusView.get(stackId).map(s -> s.status().name()
                    + (s.error() == null ? "" : " (" + s.error() + ")")).orElse("not in the read model");
            byStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(stackId);
        }
        return byStatus.entrySet().stream().map(e -> e.getValue().size() + " " + e.getKey() + " (e.g. "
                + e.getValue().get(0) + ")").collect(Collectors.joining(", "));
    }

    private String responderFailures() {
        return responders.stream().map(Responder::failure).filter(f -> f != null)
                .collect(Collectors.joining("; "));
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
