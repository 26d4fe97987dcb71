package io.graphium.agent;

import io.graphium.admission.Admission;
import io.graphium.admission.AdmissionPolicy;
import io.graphium.admission.HostPathResolver;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import com.github.dockerjava.api.DockerClient;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRuntime;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.agent.core.HostFacts;
import io.graphium.agent.core.HostInventory;
import io.graphium.agent.core.ContainerWatch;
import io.graphium.agent.core.DesiredStateSource;
import io.graphium.agent.core.Reconciler;
import io.graphium.agent.core.RegistryLogins;
import io.graphium.agent.core.ReportedStates;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StopRequests;
import io.graphium.agent.core.SupersededCommands;
import io.graphium.agent.docker.DockerClients;
import io.graphium.agent.docker.DockerContainerRuntime;
import io.graphium.agent.docker.DockerEventStream;
import io.graphium.agent.kafka.KafkaStatusReporter;
import io.graphium.agent.probe.NetworkHealthProbes;
import java.time.Clock;
import io.graphium.agent.kafka.SecretOpener;
import io.graphium.events.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Assembles the agent: the Docker client and runtime (edge), the pure lifecycle and inventory (core), and the
 * secret opener. The Kafka edge lives in {@code io.graphium.agent.kafka}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
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
        RegistryLogins logins = agent.registryLogins();
        if (!logins.isEmpty()) {
            log.info("Image pulls log in to {}", logins);
        }
        return new DockerContainerRuntime(client, agent.bindAddress(), agent.dockerCallTimeout(), logins);
    }

    /**
     * Masks credential-like keys (password, secret, key, token, ...) in the configprops and env endpoints even when
     * an operator sets their show-values to always; by default both mask every value anyway.
     */
    @Bean
    SanitizingFunction credentialSanitizer() {
        return SanitizingFunction.sanitizeValue().ifLikelyCredential();
    }

    @Bean
    StopRequests stopRequests() {
        return new StopRequests();
    }

    @Bean
    SupersededCommands supersededCommands(DesiredStateSource desiredState) {
        return new SupersededCommands(desiredState);
    }

    @Bean
    SlotLocks slotLocks() {
        return new SlotLocks();
    }

    /** Every status goes out through here, so observed changes are not reported twice. */
    @Bean
    ReportedStates reportedStates(KafkaStatusReporter kafka) {
        return new ReportedStates(kafka);
    }

    @Bean
    ContainerLifecycle containerLifecycle(ContainerRuntime runtime, ReportedStates reporter, StopRequests stops,
                                          SlotLocks locks, AgentProperties agent) {
        return new ContainerLifecycle(runtime, reporter, stops, locks, agent.hostId(), agent.pullTimeout());
    }

    @Bean(destroyMethod = "close")
    NetworkHealthProbes healthProbes(ReportedStates reporter, SlotLocks locks, AgentProperties agent) {
        return new NetworkHealthProbes(agent.probeAddress(), reporter, locks, Clock.systemUTC());
    }

    @Bean
    Reconciler reconciler(ContainerRuntime runtime, ContainerLifecycle lifecycle, ReportedStates reporter,
                          StopRequests stops, SlotLocks locks, DesiredStateSource desiredState,
                          NetworkHealthProbes probes, AgentProperties agent) {
        return new Reconciler(runtime, lifecycle, reporter, stops, locks, desiredState, probes, agent.hostId(),
                agent.stopGrace());
    }

    /**
     * Follows Docker's events for the managed containers and reconciles with the desired state at every
     * (re)connection to the daemon: at start, and after the daemon restarted.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    DockerEventStream dockerEvents(DockerClient client, ContainerRuntime runtime, ReportedStates reporter,
                                   StopRequests stops, SlotLocks locks, NetworkHealthProbes probes,
                                   Reconciler reconciler, AgentProperties agent) {
        ContainerWatch watch = new ContainerWatch(runtime, reporter, stops, locks, probes, agent.hostId());
        return new DockerEventStream(client, watch::on, new Reconciling(reconciler, agent.hostId()));
    }

    /** Until Docker has answered once, capacity is what the operating system reports. */
    @Bean
    HostInventory hostInventory(ContainerRuntime runtime, StopRequests stops) {
        return new HostInventory(runtime, stops, new HostFacts(LocalHost.cpus(), LocalHost.memoryBytes(), null));
    }

    /**
     * This host's admission policy, {@code graphium.admission.*} (the orchestrator's settings): every container the
     * agent is asked to run is checked against it, with host paths resolved through symbolic links on this host.
     */
    @Bean
    Admission admission(Environment environment) {
        AdmissionPolicy policy = Binder.get(environment).bind("graphium.admission", AdmissionPolicy.class)
                .orElse(AdmissionPolicy.DEFAULTS);
        log.info("Admission policy: {}", policy);
        return new Admission(policy, HostPathResolver.FILESYSTEM);
    }

    /** Opens sealed environment values; without a configured key it refuses them with a clear message. */
    @Bean
    SecretOpener secretOpener(KeyRing keys) {
        SecretOpener opener = new SecretOpener(keys);
        if (!opener.hasKey()) {
            log.info("No keys (graphium.secrets.key-dir or sealing-key): deploys with sealed environment values "
                    + "will fail");
        }
        return opener;
    }
}
