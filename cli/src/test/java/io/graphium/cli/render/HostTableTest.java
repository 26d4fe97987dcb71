package io.graphium.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostTableTest {

    @Test
    void memoryInPowersOf1024LikeStackDefinitions() {
        assertThat(HostTable.memory(64L << 30)).isEqualTo("64Gi");
        assertThat(HostTable.memory(3L << 29)).isEqualTo("1.5Gi");
        assertThat(HostTable.memory(512L << 20)).isEqualTo("512Mi");
        assertThat(HostTable.memory(1000)).isEqualTo("1000B");
    }
}
