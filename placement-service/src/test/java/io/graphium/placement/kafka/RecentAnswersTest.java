package io.graphium.placement.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementStrategy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    @Test
    void remembersTheLatestAnswersAndForgetsTheOldest() {
        RecentAnswers answers = new RecentAnswers(2);
        answers.remember("c1", answer("e1"));
        answers.remember("c2", answer("e2"));
        answers.remember("c3", answer("e3"));

        assertThat(answers.get("c1")).isNull();
        assertThat(answers.get("c2")).isEqualTo(answer("e2"));
        assertThat(answers.get("c3")).isEqualTo(answer("e3"));
    }

    private static PlacementFailed answer(String eventId) {
        return PlacementFailed.newBuilder().setEventId(eventId).setOccurredAt(Instant.EPOCH).setStackId("s")
                .setDeploymentId("d").setStrategy(PlacementStrategy.AUTO).setMessage("m").build();
    }
}
