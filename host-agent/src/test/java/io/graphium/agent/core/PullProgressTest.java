package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullProgressTest {

    @Test
    void sumsTheLayersAndSpeaksAtMostOncePerSecond() {
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        Instant[] now = {start};
        List<String> said = new ArrayList<>();
        PullProgress progress = new PullProgress("graphium/x:1", said::add, () -> now[0]);

        progress.layer("a", 2_000_000, 10_000_000);
        progress.layer("b", 0, 10_000_000);
        now[0] = start.plusMillis(999);
        progress.layer("a", 6_000_000, 10_000_000);
        now[0] = start.plusMillis(1000);
        progress.layer("b", 2_000_000, 10_000_000);
        progress.layer("c", 5, 0); // size not known yet: ignored

        assertThat(said).containsExactly("pulling graphium/x:1: 20% (2.0 MB of 10.0 MB)",
                "pulling graphium/x:1: 40% (8.0 MB of 20.0 MB)");
    }
}
