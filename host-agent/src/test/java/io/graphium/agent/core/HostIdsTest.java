package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "vm, vm", "Web-01.dc1.example.com, web-01-dc1-example-com", "--odd--, odd--", "'', host", "null, host"})
    void makesTopicSafeIdsFromHostNames(String hostname, String id) {
        assertThat(HostIds.fromHostname(hostname)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    void keeps63CharactersAtMost(String hostname) {
        assertThat(HostIds.fromHostname(hostname)).hasSize(63);
    }
}
