package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerStatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "created, CREATED", "running, RUNNING", "paused, STOPPED", "restarting, EXITED", "exited, EXITED",
            "removing, REMOVED", "dead, FAILED", "something-new, UNKNOWN", "null, UNKNOWN"})
    void mapsDockerStates(String docker, ContainerStatus expected) {
        assertThat(DockerStates.status(docker)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "'Up 3 minutes (healthy)', HEALTHY", "'Up 1 second (health: starting)', STARTING",
            "'Up 2 hours (unhealthy)', UNHEALTHY", "'Up 2 hours', NONE", "null, NONE"})
    void readsHealthFromStatusText(String text, Health expected) {
        assertThat(DockerStates.healthFromStatusText(text)).isEqualTo(expected);
    }

    @Test
    void readsExitCodeFromStatusText() {
        assertThat(DockerStates.exitCodeFromStatusText("Exited (137) 5 seconds ago")).isEqualTo(137);
        assertThat(DockerStates.exitCodeFromStatusText("Exited (0) About a minute ago")).isZero();
        assertThat(DockerStates.exitCodeFromStatusText("Up 5 seconds")).isNull();
        assertThat(DockerStates.exitCodeFromStatusText(null)).isNull();
    }

    @Test
    void readsDockerHealth() {
        assertThat(DockerStates.health("healthy")).isEqualTo(Health.HEALTHY);
        assertThat(DockerStates.health(null)).isEqualTo(Health.NONE);
    }
}
