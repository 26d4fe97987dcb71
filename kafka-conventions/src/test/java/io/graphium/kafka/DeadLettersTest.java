package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class DeadLettersTest {

    private final List<TransientFailure> dockerAway = List.of(f -> f.getMessage().contains("daemon away"));

    @Test
    void transientFailureIsRetriedWithGrowingPausesWithoutEnd() {
        BackOffExecution backOff = DeadLetters.backOffFor(new IllegalStateException("daemon away"), dockerAway, 500)
                .start();
        long first = backOff.nextBackOff();
        long last = first;
        for (int attempt = 0; attempt < 50; attempt++) {
            last = backOff.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(first).isEqualTo(500);
        assertThat(last).isEqualTo(DeadLetters.MAX_TRANSIENT_PAUSE_MILLIS);
    }

    @Test
    void anyOtherFailureKeepsTheDeadLetterPolicy() {
        assertThat(DeadLetters.backOffFor(new IllegalStateException("bug"), dockerAway, 500)).isNull();
        assertThat(DeadLetters.backOffFor(new IllegalStateException("daemon away"), List.of(), 500)).isNull();
    }

    @Test
    void wireFormatProblemsAreNamed() {
        assertThat(DeadLetters.wireFormatProblem("x".getBytes())).contains("first byte 0x78");
        assertThat(DeadLetters.wireFormatProblem(new byte[] {0, 1})).contains("too short");
        assertThat(DeadLetters.wireFormatProblem(new byte[] {0, 0, 0, 1, 0, 9})).contains("schema id 256");
        assertThat(DeadLetters.wireFormatProblem(new byte[0])).contains("empty");
    }
}
