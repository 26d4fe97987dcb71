package io.graphium.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.kafka.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one Docker client of the process and checks that the daemon answers. The API version is left to the
 * daemon (it answers the unversioned paths with its own), so one agent works with any engine of API 1.41 or later.
 */
public final class DockerClients {

    private static final Logger log = LoggerFactory.getLogger(DockerClients.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Backoff PINGS = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(5));

    private DockerClients() {
    }

    /**
     * A client for {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}) whose calls give up when the
     * daemon stays silent for {@code callTimeout}.
     */
    public static DockerClient create(URI dockerHost, Duration callTimeout) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost.toString())
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(callTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * Pings the daemon up to {@code attempts} times, doubling the pause from 200 ms; returns the number of attempts
     * used, or throws UNAVAILABLE listing every failure.
     */
    public static int awaitDaemon(DockerClient client, URI dockerHost, int attempts) {
        List<String> failures = new ArrayList<>();
        Backoff.Pauses pauses = PINGS.start();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                client.pingCmd().exec();
                return attempt;
            } catch (RuntimeException e) {
                failures.add("attempt " + attempt + ": " + DockerFailures.rootMessage(e));
                log.debug("Docker daemon at {} did not answer a ping (attempt {}/{})", dockerHost, attempt, attempts, e);
            }
            if (attempt < attempts) {
                LockSupport.parkNanos(Duration.ofMillis(pauses.nextBackOff()).toNanos());
            }
        }
        throw new ContainerRuntimeException(ContainerRuntimeException.Kind.UNAVAILABLE, "the Docker daemon at "
                + dockerHost + " did not answer " + attempts + " pings (" + String.join("; ", failures)
                + "); check graphium.agent.docker-host and that dockerd runs");
    }
}
