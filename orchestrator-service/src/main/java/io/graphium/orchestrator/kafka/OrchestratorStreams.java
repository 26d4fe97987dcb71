package io.graphium.orchestrator.kafka;

import io.graphium.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the orchestrator's topology: {@code exactly_once_v2}, several instances share the stack partitions (one
 * consumer group, the application id), standby replicas keep a warm copy of other instances' state for a fast
 * fail-over. {@link #start} returns once the state is restored and the instance processes (or the deadline passed).
 */
public final class OrchestratorStreams implements SmartLifecycle {

    /** The application id: consumer group, prefix of internal topics and transactional ids (docs/security/kafka.md). */
    public static final String APPLICATION_ID = "graphium-orchestrator";

    private static final Logger log = LoggerFactory.getLogger(OrchestratorStreams.class);

    /**
     * @param stateDir        where the state stores live; null: a fresh temporary directory, deleted on stop (the
     *                        state is then restored from the changelogs at every start)
     * @param standbyReplicas warm copies of each task's state on other instances
     * @param startDeadline   how long start-up may take to restore the state and join the group
     * @param sessionTimeout  how long the group waits for an instance that stopped answering (killed, cut off)
     *                        before its partitions move to the others: the fail-over time
     */
    public record Settings(Path stateDir, int standbyReplicas, Duration startDeadline, int threads,
                           Duration sessionTimeout) {
    }

    private final KafkaConnection connection;
    private final Settings settings;
    private final KafkaStreams streams;
    private final Path stateDir;
    private final boolean temporaryStateDir;
    private volatile boolean started;

    public OrchestratorStreams(Topology topology, KafkaConnection connection, Settings settings,
                               StackStatusView statusView) {
        this.connection = connection;
        this.settings = settings;
        try {
            temporaryStateDir = settings.stateDir() == null;
            stateDir = temporaryStateDir ? Files.createTempDirectory("graphium-orchestrator-")
                    : Files.createDirectories(settings.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory", e);
        }
        streams = new KafkaStreams(topology, properties());
        streams.setUncaughtExceptionHandler(failure -> {
            // Nothing of the failed attempt was committed: a fresh thread goes on from the last commit.
            log.error("a stream thread failed; replacing it", failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> log.info("orchestrator streams {} -> {}", previous, next));
        statusView.attach(() -> streams.store(StoreQueryParameters.fromNameAndType(StackStatusView.STORE,
                QueryableStoreTypes.keyValueStore())));
    }

    /** The running instance (for queries of its stores). */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** The client settings: where and how to connect as Spring's clients do, then what exactly-once needs. */
    Properties properties() {
        Properties properties = new Properties();
        properties.putAll(connection.connectionSettings());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        // A new host's reports topic joins the pattern subscription within about a second.
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), 1000);
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) settings.sessionTimeout().toMillis());
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) settings.sessionTimeout().toMillis() / 4);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Only the history store's source is decoded by Kafka Streams (every other source is read as bytes and
        // dead-lettered by our processors): an unreadable history record is skipped, logged with its position (also
        // while the store is restored). An unreachable registry is not that: PatientDeserializer waits it out.
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
        Object clientId = connection.connectionSettings().get(CommonClientConfigs.CLIENT_ID_CONFIG);
        properties.put(StreamsConfig.CLIENT_ID_CONFIG, clientId != null ? clientId : APPLICATION_ID);
        return properties;
    }

    @Override
    public synchronized void start() {
        KafkaStreams created = streams;
        started = true;
        created.start();
        Instant deadline = Instant.now().plus(settings.startDeadline());
        while (created.state() != KafkaStreams.State.RUNNING) {
            if (!created.state().isRunningOrRebalancing() && created.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("the orchestrator's streams stopped while starting: "
                        + created.state());
            }
            if (Instant.now().isAfter(deadline)) {
                log.warn("the orchestrator's streams are still {} after {}; going on", created.state(),
                        settings.startDeadline());
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // start-up poll interval
        }
    }

    /** True while the instance processes its partitions (readiness). */
    public boolean isProcessing() {
        return started && streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        started = false;
        if (temporaryStateDir) {
            try {
                FileSystemUtils.deleteRecursively(stateDir);
            } catch (IOException e) {
                log.warn("could not delete the state directory {}", stateDir, e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Before the web server and the listener containers: nothing is served before the state is there. */
    @Override
    public int getPhase() {
        return 0;
    }
}
