package io.graphium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphium.admission.ImageReference;
import io.graphium.agent.core.RegistryCredentials;
import io.graphium.agent.core.RegistryLogins;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AgentPropertiesTest {

    @Test
    void everySettingHasADefault() {
        AgentProperties agent = new AgentProperties(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);

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
                null, null, null, null)).hasMessageContaining("host id 'web.01' is not usable in a topic name");
    }

    @Test
    void registryLoginsTakeTheirPasswordInlineOrFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hub.password"), "hub-secret\n");

        AgentProperties agent = bind(Map.of("graphium.agent.host-id", "h1",
                "graphium.agent.registries[0].address", "reg.io:5000",
                "graphium.agent.registries[0].username", "team",
                "graphium.agent.registries[0].password", "team-secret",
                "graphium.agent.registries[1].address", "docker.io",
                "graphium.agent.registries[1].username", "hub",
                "graphium.agent.registries[1].password-file", file.toString()));
        RegistryLogins logins = agent.registryLogins();

        assertThat(logins.forImage(ImageReference.parse("reg.io:5000/team/app:1"))).get()
                .extracting(RegistryCredentials::password).isEqualTo("team-secret");
        assertThat(logins.forImage(ImageReference.parse("busybox"))).get()
                .extracting(RegistryCredentials::password).isEqualTo("hub-secret");
        assertThat(agent.toString()).contains("reg.io:5000", "team", "password=******", file.toString())
                .doesNotContain("team-secret", "hub-secret");
    }

    @Test
    void aRegistryLoginThatCannotBeUsedStopsTheStartWithTheKeyToFix(@TempDir Path dir) {
        assertThatThrownBy(() -> bind(Map.of("graphium.agent.host-id", "h1",
                "graphium.agent.registries[0].address", "reg.io", "graphium.agent.registries[0].username", "u",
                "graphium.agent.registries[0].password-file", dir.resolve("missing").toString())).registryLogins())
                .hasMessage("graphium.agent.registries[0]: password-file " + dir.resolve("missing")
                        + " cannot be read: NoSuchFileException");
        assertThatThrownBy(() -> bind(Map.of("graphium.agent.host-id", "h1",
                "graphium.agent.registries[0].address", "reg.io", "graphium.agent.registries[0].username", "u",
                "graphium.agent.registries[0].password", "p",
                "graphium.agent.registries[0].password-file", "/etc/p")).registryLogins())
                .hasMessage("graphium.agent.registries[0]: set password or password-file, not both");
        assertThatThrownBy(() -> bind(Map.of("graphium.agent.host-id", "h1",
                "graphium.agent.registries[0].address", "reg.io", "graphium.agent.registries[0].password", "p"))
                .registryLogins())
                .hasMessage("graphium.agent.registries[0]: the login for registry reg.io needs a username");
    }

    /** Even with show-values=always (the default, never, masks every value) the configprops endpoint hides it. */
    @Test
    void theRegistryPasswordNeverShowsInTheConfigpropsEndpoint() {
        new ApplicationContextRunner()
                .withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues("graphium.agent.host-id=h1", "graphium.agent.registries[0].address=reg.io",
                        "graphium.agent.registries[0].username=team",
                        "graphium.agent.registries[0].password=team-secret-42")
                .run(context -> {
                    for (Show show : Show.values()) {
                        var endpoint = new ConfigurationPropertiesReportEndpoint(
                                List.of(new AgentConfiguration().credentialSanitizer()), show);
                        endpoint.setApplicationContext(context);

                        String report = endpoint.configurationPropertiesWithPrefix("graphium.agent").getContexts()
                                .values().stream().flatMap(c -> c.getBeans().values().stream())
                                .map(b -> b.getProperties().toString()).reduce("", String::concat);

                        assertThat(report).as("show-values=" + show).doesNotContain("team-secret-42");
                        if (show == Show.ALWAYS) {
                            assertThat(report).contains("reg.io", "team", "password=******");
                        }
                    }
                });
    }

    @EnableConfigurationProperties(AgentProperties.class)
    static class PropertiesOnly {
    }

    private static AgentProperties bind(Map<String, String> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.copyOf(values)));
        return Binder.get(environment).bind("graphium.agent", AgentProperties.class).get();
    }
}
