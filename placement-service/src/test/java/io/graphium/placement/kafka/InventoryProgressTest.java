package io.graphium.placement.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InventoryProgressTest {

    static final TopicPartition P0 = new TopicPartition("graphium.hosts", 0);
    static final TopicPartition P1 = new TopicPartition("graphium.hosts", 1);
    static final Duration NO_WAIT = Duration.ZERO;

    final InventoryProgress progress = new InventoryProgress();

    @Test
    void notCaughtUpBeforeAssignment() throws Exception {
        assertThat(progress.awaitApplied(Map.of(P0, 0L), NO_WAIT)).isFalse();
    }

    @Test
    void emptyPartitionsAreCaughtUpOnAssignment() throws Exception {
        progress.assigned(Map.of(P0, 0L, P1, 0L));

        assertThat(progress.awaitApplied(Map.of(P0, 0L, P1, 0L), NO_WAIT)).isTrue();
    }

    @Test
    void caughtUpOnceEveryPartitionIsAppliedToItsEnd() throws Exception {
        progress.assigned(Map.of(P0, 0L, P1, 0L));
        progress.applied(P0, 4);

        assertThat(progress.awaitApplied(Map.of(P0, 5L, P1, 2L), NO_WAIT)).isFalse();
        progress.applied(P1, 1);
        assertThat(progress.awaitApplied(Map.of(P0, 5L, P1, 2L), NO_WAIT)).isTrue();
    }

    @Test
    void anIdleConsumerPositionCoversGapsInOffsets() throws Exception {
        progress.assigned(Map.of(P0, 0L));
        progress.applied(P0, 3);

        progress.idleAt(Map.of(P0, 7L));

        assertThat(progress.awaitApplied(Map.of(P0, 7L), NO_WAIT)).isTrue();
    }

    @Test
    void aWaitingRequestWakesUpWhenTheRecordIsApplied() throws Exception {
        progress.assigned(Map.of(P0, 0L));
        Thread applier = new Thread(() -> progress.applied(P0, 0));
        applier.start();

        assertThat(progress.awaitApplied(Map.of(P0, 1L), Duration.ofSeconds(10))).isTrue();
        applier.join();
    }
}
