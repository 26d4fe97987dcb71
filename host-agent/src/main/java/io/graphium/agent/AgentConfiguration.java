package io.graphium.agent;

import com.github.dockerjava.api.DockerClient;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRuntime;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.agent.core.HostFacts;
import io.graphium.agent.core.HostInventory;
import io.graphium.agent.core.StatusReporter;
import io.graphium.agent.core.StopRequests;
import io.graphium.agent.docker.DockerClients;
import io.graphium.agent.docker.DockerContainerRuntime;
import io.graphium.agent.kafka.SecretOpener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Assembles the agent: the Docker client and runtime (edge), the pure lifecycle and inventory (core), and the
 * secret opener. The Kafka edge lives in {@code io.graphium.agent.kafka}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AgentProperties.class, SecretsProperties.class})
class AgentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgentConfiguration.class);

    /** The one Docker client of the process. */
    @Bean(destroyMethod = "close")
    DockerClient dockerClient(AgentProperties agent) {
        return DockerClients.create(agent.dockerHost(), agent.dockerCallTimeout());
    }

    /** The runtime, after a bounded wait for the daemon: without it the agent runs on and reports DEGRADED. */
    @Bean
    ContainerRuntime containerRuntime(DockerClient client, AgentProperties agent) {
        try {
            int attempts = DockerClients.awaitDaemon(client, agent.dockerHost(), agent.dockerPingAttempts());
            log.info("Docker daemon at {} answered (attempt {}); host {} binds published ports on {}",
                    agent.dockerHost(), attempts, agent.hostId(), agent.bindAddress());
        } catch (ContainerRuntimeException e) {
            log.error("Host {} starts DEGRADED: {}", agent.hostId(), e.getMessage());
        }
        return new DockerContainerRuntime(client, agent.bindAddress(), agent.dockerCallTimeout());
    }

    @Bean
    StopRequests stopRequests() {
        return new StopRequests();
    }

    @Bean
    ContainerLifecycle containerLifecycle(ContainerRuntime runtime, StatusReporter reporter, StopRequests stops,
                                          AgentProperties agent) {
        return new ContainerLifecycle(runtime, reporter, stops, agent.hostId(), agent.pullTimeout());
    }

    /** Until Docker has answered once, capacity is what the operating system reports. */
    @Bean
    HostInventory hostInventory(ContainerRuntime runtime, StopRequests stops) {
        return new HostInventory(runtime, stops, new HostFacts(LocalHost.cpus(), LocalHost.memoryBytes(), null));
    }

    /** Opens sealed environment values; without a configured key it refuses them with a clear message. */
    @Bean
    SecretOpener secretOpener(SecretsProperties secrets) {
        SecretOpener opener = SecretOpener.of(secrets.sealingKey());
        if (!opener.hasKey()) {
            log.info("No graphium.secrets.sealing-key: deploys with sealed environment values will fail");
        }
        return opener;
    }
}
