package io.graphium.kafka.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graphium.infra.KafkaBrokerProcess;
import io.graphium.infra.RequiresInfra;
import io.graphium.kafka.KafkaConnection;
import io.graphium.kafka.RegistryClient;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                commands.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= 2;
            });
            assertThat(values).containsExactlyInAnyOrder("deploy my-app", "stop my-app");
        }
        try (KafkaConsumer<String, String> status = consumer(Principals.READER, Principals.READER + "-dashboard")) {
            status.subscribe(List.of(Topics.STACK_STATUS.name()));
            assertThat(pollValues(status)).containsExactly("my-app RUNNING");
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
        Map<String, Object> config = connection(principal).consumerConfig(group, Map.of(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));
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
