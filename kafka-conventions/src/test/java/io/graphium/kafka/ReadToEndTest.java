package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadToEndTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final Duration POLL = Duration.ofMillis(10);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final List<String> read = new ArrayList<>();

    ReadToEndTest() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.seekToBeginning(List.of(P0, P1));
    }

    private void publish(TopicPartition partition, long offset, String value) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "k", value));
    }

    @Test
    void readsEveryPartitionUpToItsEndOffsetAsOfNow() {
        publish(P0, 0, "a");
        publish(P0, 1, "b");
        publish(P1, 0, "c");
        consumer.updateEndOffsets(Map.of(P0, 2L, P1, 1L));
        ReadToEnd.now(consumer, List.of(P0, P1), Duration.ofSeconds(5), POLL, r -> read.add(r.value()));
        assertThat(read).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(consumer.position(P0)).isEqualTo(2);
    }

    @Test
    void partitionsAlreadyAtTheirEndNeedNoPoll() {
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
        ReadToEnd.now(consumer, List.of(P0, P1), Duration.ZERO, POLL, r -> read.add(r.value()));
        assertThat(read).isEmpty();
    }

    @Test
    void givesUpAtTheDeadlineNamingWhatItCouldNotRead() {
        publish(P0, 0, "a");
        assertThatIllegalStateException().isThrownBy(() -> ReadToEnd.upTo(consumer, Map.of(P0, 1L, P1, 3L),
                Duration.ofMillis(200), POLL, r -> read.add(r.value()))).withMessage(
                "could not read [t-1] to its end within 0 s");
        assertThat(read).containsExactly("a");
    }
}
