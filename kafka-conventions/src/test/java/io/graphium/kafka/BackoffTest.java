package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class BackoffTest {

    private static List<Long> pauses(BackOffExecution execution, int count) {
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pauses.add(execution.nextBackOff());
        }
        return pauses;
    }

    @Test
    void doublesFromTheFirstPauseUpToTheLongestWithoutEnd() {
        Backoff backoff = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(2));
        assertThat(pauses(backoff.start(), 8)).containsExactly(200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L, 2000L);
    }

    @Test
    void withATotalStopsOnceThePausesTakenAddUpToIt() {
        Backoff backoff = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(5)).within(Duration.ofSeconds(3));
        assertThat(pauses(backoff.start(), 6)).containsExactly(200L, 400L, 800L, 1600L, BackOffExecution.STOP,
                BackOffExecution.STOP);
    }

    @Test
    void eachStartAndEachResetBeginsWithTheFirstPause() {
        Backoff backoff = Backoff.doubling(Duration.ofMillis(100), Duration.ofSeconds(1));
        Backoff.Pauses pauses = backoff.start();
        assertThat(pauses(pauses, 3)).containsExactly(100L, 200L, 400L);
        assertThat(backoff.start().nextBackOff()).isEqualTo(100L);
        pauses.reset();
        assertThat(pauses(pauses, 2)).containsExactly(100L, 200L);
    }

    @Test
    void theLongestIsAtLeastTheFirst() {
        assertThatIllegalArgumentException().isThrownBy(() -> Backoff.doubling(Duration.ofSeconds(2),
                Duration.ofSeconds(1)));
    }
}
