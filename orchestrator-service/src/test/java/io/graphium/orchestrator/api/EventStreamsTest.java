package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream cap: beyond it no stream opens; a stream that ends frees its place and is told once. */
class EventStreamsTest {

    private final EventStreams streams = new EventStreams(new EventStreamLimits(2, Duration.ofMinutes(30), 8),
            Clock.systemUTC());

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void beyondTheCapNoStreamOpensUntilOneEnds() {
        List<EventStream> ended = new ArrayList<>();
        EventStream first = streams.open(null, "a", new NoClient(), ended::add);
        EventStream second = streams.open("shop", "b", new NoClient(), ended::add);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.name()).isEqualTo("#1 a");
        assertThat(streams.open(null, "c", new NoClient(), ended::add)).isNull();
        assertThat(streams.count()).isEqualTo(2);

        second.close();
        second.connectionEnded();
        assertThat(ended).containsExactly(second);
        assertThat(streams.count()).isEqualTo(1);
        assertThat(streams.open(null, "d", new NoClient(), ended::add)).isNotNull()
                .extracting(EventStream::name).isEqualTo("#3 d");
    }

    @Test
    void theLimitsSayWhichSettingIsWrong() {
        assertThatThrownBy(() -> new EventStreamLimits(0, Duration.ofMinutes(1), 1))
                .hasMessageContaining("graphium.sse.max-streams");
        assertThatThrownBy(() -> new EventStreamLimits(1, Duration.ZERO, 1))
                .hasMessageContaining("graphium.sse.idle-timeout");
        assertThatThrownBy(() -> new EventStreamLimits(1, Duration.ofMinutes(1), 0))
                .hasMessageContaining("graphium.sse.buffer-events");
    }

    private static final class NoClient implements EventStream.Sink {

        @Override
        public void event(String name, String id, Object data) throws IOException {
        }

        @Override
        public void keepAlive() throws IOException {
        }

        @Override
        public void complete() {
        }
    }
}
