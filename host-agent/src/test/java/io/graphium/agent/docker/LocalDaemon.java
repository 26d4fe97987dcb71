package io.graphium.agent.docker;

import com.github.dockerjava.api.DockerClient;
import java.net.URI;
import io.graphium.agent.core.RegistryLogins;
import java.time.Duration;
import java.util.Map;

/** The machine's own Docker daemon, for adapter tests that need no testbed. */
final class LocalDaemon {

    static final URI DOCKER = URI.create("unix:///var/run/docker.sock");
    /** Everything a test creates carries {@code graphium.test=<its run id>} and is removed by it. */
    static final String TEST_LABEL = "graphium.test";

    private LocalDaemon() {
    }

    /** A client, once the daemon has answered a ping. */
    static DockerClient connect() {
        DockerClient client = DockerClients.create(DOCKER, Duration.ofSeconds(60));
        DockerClients.awaitDaemon(client, DOCKER, 3);
        return client;
    }

    static DockerContainerRuntime runtime(DockerClient client) {
        return new DockerContainerRuntime(client, "0.0.0.0", Duration.ofSeconds(60), RegistryLogins.none());
    }

    /** Removes (with their anonymous volumes) the containers labelled with {@code run}. */
    static void removeContainersOf(DockerClient client, String run) {
        client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, run)).exec()
                .forEach(c -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
    }
}
