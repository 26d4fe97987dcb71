package io.graphium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AgentPropertiesTest {

    @Test
    void everySettingHasADefault() {
        AgentProperties agent = new AgentProperties(null, null, null, null, null, null, null, null, null, null, null,
                null, null);

        assertThat(agent.hostId()).matches("[a-z0-9][a-z0-9_-]{0,62}");
        assertThat(agent.name()).isNotBlank();
        assertThat(agent.ipAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(agent.labels()).isEmpty();
        assertThat(agent.dockerHost()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(agent.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(agent.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(agent.consumerGroup()).isEqualTo("host-agent-" + agent.hostId());
    }

    @Test
    void environmentVariablesOverrideEverySetting() {
        StandardEnvironment environment = new StandardEnvironment();
        // Replaces the real environment, under the name Spring gives it (which enables relaxed map binding).
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "GRAPHIUM_AGENT_HOST_ID", "host-7", "GRAPHIUM_AGENT_IP_ADDRESS", "10.213.0.17",
                "GRAPHIUM_AGENT_DATACENTER", "us-west-2", "GRAPHIUM_AGENT_LABELS_ZONE", "a",
                "GRAPHIUM_AGENT_DOCKER_HOST", "unix:///run/h7/docker.sock", "GRAPHIUM_AGENT_BIND_ADDRESS", "10.213.0.17",
                "GRAPHIUM_AGENT_HEARTBEAT_INTERVAL", "5s")));

        AgentProperties agent = Binder.get(environment).bind("graphium.agent", AgentProperties.class).get();

        assertThat(agent.hostId()).isEqualTo("host-7");
        assertThat(agent.ipAddress()).isEqualTo("10.213.0.17");
        assertThat(agent.datacenter()).isEqualTo("us-west-2");
        assertThat(agent.labels()).containsExactly(Map.entry("zone", "a"));
        assertThat(agent.dockerHost()).isEqualTo(URI.create("unix:///run/h7/docker.sock"));
        assertThat(agent.bindAddress()).isEqualTo("10.213.0.17");
        assertThat(agent.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void hostIdUnusableInATopicNameIsRefusedAtStart() {
        assertThatThrownBy(() -> new AgentProperties("web.01", null, null, null, null, null, null, null, null, null,
                null, null, null)).hasMessageContaining("host id 'web.01' is not usable in a topic name");
    }
}
