package io.graphium.kafka.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.RegistryClient;
import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The ACLs of {@link AccessPlan} on a real broker that speaks only SASL_SSL (SCRAM-SHA-512), authorizes with KRaft's
 * {@code StandardAuthorizer} and allows nothing without an ACL: each principal can do its own work and nothing of
 * another's. Clients are built the way the services build their hand-made ones ({@link KafkaConnection}); values
 * are plain strings, since the authorizer does not look at them.
 */
@RequiresInfra(RequiresInfra.Capability.JAVA_PROCESSES)
class AccessControlTest {

    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void provision() {
        broker = KafkaBrokerProcess.startSecure();
        AccessPlan plan = AccessPlan.forHosts(List.of("h1", "h2"));
        for (String principal : plan.principals()) {
            String password = UUID.randomUUID().toString();
            PASSWORDS.put(principal, password);
            broker.createUser(principal, password);
        }
        try (Admin admin = Admin.create(broker.adminSettings())) {
            AclProvisioner.Result first = AclProvisioner.apply(admin, plan);
            assertThat(first.createdTopics()).contains("graphium.host.commands.h1", "graphium.host.reports.h2.DLT",
                    Topics.STACK_COMMANDS.name());
            AclProvisioner.Result again = AclProvisioner.apply(admin, plan); // idempotent
            assertThat(again.createdTopics()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get()
                    .size() == plan.acls().size());
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anAgentReadsItsCommandsAndDesiredStateAndWritesItsReports() throws Exception {
        String agent = Principals.agent("h1");
        send(Principals.ORCHESTRATOR, "graphium.host.commands.h1", "deploy web");
        send(Principals.ORCHESTRATOR, "graphium.host.desired.h1", "web RUNNING");

        try (KafkaConsumer<String, String> commands = consumer(agent, Principals.agentGroup("h1"))) {
            commands.subscribe(List.of("graphium.host.commands.h1"));
            assertThat(pollValues(commands)).containsExactly("deploy web");
        }
        try (KafkaConsumer<String, String> desired = consumer(agent, null)) { // no group: assign + seek
            TopicPartition partition = new TopicPartition("graphium.host.desired.h1", 0);
            desired.assign(List.of(partition));
            desired.seekToBeginning(List.of(partition));
            assertThat(pollValues(desired)).containsExactly("web RUNNING");
        }
        send(agent, "graphium.host.reports.h1", "h1 heartbeat"); // idempotent producer: no cluster ACL needed
        send(agent, "graphium.host.commands.h1.DLT", "poison command");

        for (String service : List.of(Principals.ORCHESTRATOR, Principals.PLACEMENT)) {
            String group = (service.equals(Principals.ORCHESTRATOR) ? "orchestrator-" : "placement-")
                    + UUID.randomUUID();
            try (KafkaConsumer<String, String> reports = consumer(service, group)) {
                reports.subscribe(Topics.HOST_REPORTS_PATTERN);
                assertThat(pollValues(reports)).as(service).containsExactly("h1 heartbeat");
            }
        }
        try (Admin admin = Admin.create(settings(agent))) { // the services' readiness check works for everyone
            assertThat(admin.describeCluster().clusterId().get()).isNotBlank();
        }
    }

    /**
     * Each process declares its topics at start with Spring's {@link KafkaAdmin}, as the services and agents do; on a
     * provisioned cluster that must be a describe that finds them all, never a refused create (the agent once
     * declared its reports DLT without the right to see it, and every secured agent logged an authorization error).
     */
    @Test
    void everyProcessesStartUpTopicDeclarationsFindTheProvisionedTopics() {
        Map<String, List<Topic>> declared = Map.of(
                Principals.agent("h1"), Topics.declaredByAgent("h1"),
                Principals.ORCHESTRATOR, Topics.SHARED,
                Principals.PLACEMENT, Topics.SHARED);
        declared.forEach((principal, topics) -> {
            KafkaAdmin admin = new KafkaAdmin(settings(principal));
            admin.setFatalIfBrokerNotAvailable(true); // fail the test instead of logging
            NewTopic[] declarations = topics.stream().flatMap(t -> t.declarations().stream()).toArray(NewTopic[]::new);
            assertThatCode(() -> admin.createOrModifyTopics(declarations)).as(principal).doesNotThrowAnyException();
        });
    }

    @Test
    void anAgentCannotReadAnotherHostsCommandsOrDesiredState() {
        String agent = Principals.agent("h1");
        for (String topic : List.of("graphium.host.commands.h2", "graphium.host.desired.h2")) {
            try (KafkaConsumer<String, String> consumer = consumer(agent, null)) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                consumer.seekToBeginning(consumer.assignment());
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                        .isInstanceOf(TopicAuthorizationException.class)
                        .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                                .containsExactly(topic));
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(agent, Principals.agentGroup("h2"))) {
            consumer.subscribe(List.of("graphium.host.commands.h1"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void anAgentCannotProduceAStackCommandNorAnotherHostsReports() {
        String agent = Principals.agent("h1");
        for (String topic : List.of(Topics.STACK_COMMANDS.name(), "graphium.host.reports.h2", Topics.HOSTS.name(),
                "graphium.host.commands.h2", "graphium.host.reports.h1.DLT")) {
            assertDenied(agent, topic);
        }
    }

    @Test
    void theServicesCanDoTheirWorkAndCannotWriteReports() throws Exception {
        send(Principals.ORCHESTRATOR, Topics.PLACEMENT_REQUESTS.name(), "place my-app");
        send(Principals.ORCHESTRATOR, Topics.STACK_STATUS.name(), "my-app RUNNING");
        send(Principals.ORCHESTRATOR, "graphium.host.reports.h1.DLT", "unreadable report");
        send(Principals.PLACEMENT, Topics.PLACEMENT_RESULTS.name(), "my-app on h1");
        send(Principals.DEPLOYER, Topics.STACK_COMMANDS.name(), "deploy my-app");
        send(Principals.ORCHESTRATOR, Topics.STACK_COMMANDS.name(), "stop my-app"); // its REST API publishes there
        try (KafkaConsumer<String, String> requests = consumer(Principals.PLACEMENT, "placement-" + UUID.randomUUID())) {
            requests.subscribe(List.of(Topics.PLACEMENT_REQUESTS.name()));
            assertThat(pollValues(requests)).containsExactly("place my-app");
        }
        try (KafkaConsumer<String, String> commands = consumer(Principals.ORCHESTRATOR, "orchestrator-stack-commands")) {
            commands.subscribe(List.of(Topics.STACK_COMMANDS.name()));
            assertThat(pollUntil(commands, "deploy my-app", "stop my-app")).isNotEmpty(); // and others' commands
        }
        try (KafkaConsumer<String, String> status = consumer(Principals.READER, Principals.READER + "-dashboard")) {
            status.subscribe(List.of(Topics.STACK_STATUS.name()));
            assertThat(pollUntil(status, "my-app RUNNING")).isNotEmpty();
        }

        assertDenied(Principals.ORCHESTRATOR, "graphium.host.reports.h1");
        assertDenied(Principals.PLACEMENT, "graphium.host.reports.h1");
        assertDenied(Principals.PLACEMENT, "graphium.host.commands.h1");
        assertDenied(Principals.PLACEMENT, Topics.STACK_STATUS.name());
        assertDenied(Principals.DEPLOYER, Topics.STACK_STATUS.name());
        assertDenied(Principals.READER, Topics.STACK_COMMANDS.name());
        try (KafkaConsumer<String, String> commands = consumer(Principals.DEPLOYER, null)) {
            commands.assign(List.of(new TopicPartition(Topics.STACK_COMMANDS.name(), 0)));
            assertThatThrownBy(() -> commands.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = broker.clientSettings(Principals.agent("h1"), "not-the-password");
        wrong.putAll(producerSettings());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("graphium.host.reports.h1", "x")).get())
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
    }

    @Test
    void theOrchestratorCommitsATransactionWithItsStreamsTransactionalIdAndNoOther() throws Exception {
        Map<String, Object> config = new HashMap<>(connection(Principals.ORCHESTRATOR).producerConfig());
        config.putAll(producerSettings());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "graphium-orchestrator-test-0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.STACK_STATUS.name(), "txn-app", "txn-app RUNNING")).get();
            producer.commitTransaction();
        }
        try (KafkaConsumer<String, String> status = consumer(Principals.READER, Principals.READER + "-txn",
                "read_committed")) {
            status.subscribe(List.of(Topics.STACK_STATUS.name()));
            assertThat(pollUntil(status, "txn-app RUNNING")).isNotEmpty();
        }
        for (String outside : List.of("graphium-placement-0", "graphium-orchestratorx-0", "orchestrator-0")) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, outside);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
                assertThatThrownBy(producer::initTransactions).as(outside)
                        .isInstanceOf(TransactionalIdAuthorizationException.class);
            }
        }
        Map<String, Object> placement = new HashMap<>(connection(Principals.PLACEMENT).producerConfig());
        placement.putAll(producerSettings());
        placement.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "graphium-orchestrator-forged-0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(placement)) {
            assertThatThrownBy(producer::initTransactions).as("placement using the orchestrator's id")
                    .isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void theOrchestratorCreatesItsStreamsInternalTopicsAndNoGraphiumTopic() throws Exception {
        try (Admin admin = Admin.create(settings(Principals.ORCHESTRATOR))) {
            admin.createTopics(List.of(new NewTopic("graphium-orchestrator-x-changelog", 1, (short) 1))).all().get();
            assertThat(admin.describeTopics(List.of("graphium-orchestrator-x-changelog")).allTopicNames().get())
                    .containsKey("graphium-orchestrator-x-changelog");
            for (String topic : List.of("graphium.foo", "graphium.orchestrator-x-changelog", "orchestrator-x")) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get())
                        .as(topic).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
        for (String service : List.of(Principals.PLACEMENT, Principals.READER, Principals.agent("h1"))) {
            try (Admin admin = Admin.create(settings(service))) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("graphium-orchestrator-y-changelog",
                        1, (short) 1))).all().get()).as(service).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void theOrchestratorReadsStackCommandsInItsStreamsGroup() throws Exception {
        send(Principals.DEPLOYER, Topics.STACK_COMMANDS.name(), "deploy group-probe");
        try (KafkaConsumer<String, String> commands = consumer(Principals.ORCHESTRATOR,
                Principals.ORCHESTRATOR_STREAMS_APPLICATION_ID)) { // commits nothing: the Streams test reads it all
            commands.subscribe(List.of(Topics.STACK_COMMANDS.name()));
            assertThat(pollUntil(commands, "deploy group-probe")).isNotEmpty();
        }
        try (KafkaConsumer<String, String> commands = consumer(Principals.PLACEMENT,
                Principals.ORCHESTRATOR_STREAMS_APPLICATION_ID)) {
            commands.subscribe(List.of(Topics.PLACEMENT_REQUESTS.name()));
            assertThatThrownBy(() -> commands.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    /**
     * The orchestrator's Kafka Streams application, in miniature, as {@code graphium-orchestrator} with only the
     * plan's ACLs: {@code application.id=graphium-orchestrator}, {@code exactly_once_v2}, stack commands regrouped
     * (a repartition topic) and counted in a store (a changelog topic), the counts written to stack status. It
     * creates its internal topics, runs, commits transactions (its output is visible read_committed) and purges its
     * repartition topic (DeleteRecords): the plan is complete for it.
     */
    @Test
    void aKafkaStreamsApplicationRunsWithExactlyOnceAsTheOrchestrator() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.STACK_COMMANDS.name(), Consumed.with(Serdes.String(), Serdes.String()))
                .groupBy((key, value) -> value, Grouped.with("by-command", Serdes.String(), Serdes.String()))
                .count(Materialized.as("command-counts"))
                .toStream()
                .mapValues((command, count) -> command + " seen " + count)
                .to(Topics.STACK_STATUS.name(), Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.putAll(settings(Principals.ORCHESTRATOR));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, Principals.ORCHESTRATOR_STREAMS_APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("streams-acl").toString());
        props.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, 0);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        try (Admin admin = Admin.create(broker.adminSettings())) {
            streams.setUncaughtExceptionHandler(e -> {
                failures.add(e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            send(Principals.DEPLOYER, Topics.STACK_COMMANDS.name(), "deploy streams-probe");
            send(Principals.DEPLOYER, Topics.STACK_COMMANDS.name(), "deploy streams-probe");
            try (KafkaConsumer<String, String> status = consumer(Principals.READER, Principals.READER + "-streams",
                    "read_committed")) {
                status.subscribe(List.of(Topics.STACK_STATUS.name()));
                assertThat(pollUntil(Duration.ofSeconds(120), status, "deploy streams-probe seen 2")).isNotEmpty();
            }
            assertThat(failures).isEmpty();
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(admin.listTopics().names().get()).contains("graphium-orchestrator-by-command-repartition",
                    "graphium-orchestrator-command-counts-changelog");
            // Committed repartition records are deleted (DeleteRecords needs DELETE on the topic).
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<TopicPartition> partitions = admin.describeTopics(List.of(
                        "graphium-orchestrator-by-command-repartition")).allTopicNames().get().values().iterator()
                        .next().partitions().stream()
                        .map(p -> new TopicPartition("graphium-orchestrator-by-command-repartition", p.partition()))
                        .toList();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                partitions.forEach(p -> earliest.put(p, OffsetSpec.earliest()));
                return admin.listOffsets(earliest).all().get().values().stream().anyMatch(o -> o.offset() > 0);
            });
            assertThat(failures).isEmpty();
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            // Leave the group: a plain consumer in the same group must not meet a lingering Streams member.
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        }
    }

    private static void assertDenied(String principal, String topic) {
        try (KafkaProducer<String, String> producer = producer(principal)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "key", "forged")).get())
                    .as("%s writing %s", principal, topic)
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(topic));
        }
    }

    private static void send(String principal, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(principal)) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        }
    }

    /** Polls until every one of {@code expected} has been read (other tests' records may come too). */
    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, String... expected) {
        return pollUntil(Duration.ofSeconds(30), consumer, expected);
    }

    private static List<String> pollUntil(Duration timeout, KafkaConsumer<String, String> consumer,
            String... expected) {
        List<String> values = new ArrayList<>();
        await().atMost(timeout).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
            return values.containsAll(List.of(expected));
        });
        return values;
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer) {
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
            return !values.isEmpty();
        });
        return values;
    }

    /** A principal's connection, built as the services build theirs: Spring-style client properties. */
    private static KafkaConnection connection(String principal) {
        return KafkaConnection.of(settings(principal), RegistryClient.at("http://127.0.0.1:1"));
    }

    private static Map<String, Object> settings(String principal) {
        return broker.clientSettings(principal, PASSWORDS.get(principal));
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        return consumer(principal, group, "read_uncommitted");
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group, String isolation) {
        Map<String, Object> config = connection(principal).consumerConfig(group, Map.of(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation));
        return new KafkaConsumer<>(config);
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = new HashMap<>(connection(principal).producerConfig());
        config.putAll(producerSettings());
        return new KafkaProducer<>(config);
    }

    private static Map<String, Object> producerSettings() {
        return Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    }
}
