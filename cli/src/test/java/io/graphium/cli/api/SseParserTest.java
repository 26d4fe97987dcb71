package io.graphium.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final SseParser parser = new SseParser();

    private List<ServerSentEvent> feed(String... lines) {
        List<ServerSentEvent> events = new ArrayList<>();
        for (String line : lines) {
            parser.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void anEventEndsAtTheBlankLineAndJoinsItsDataLines() {
        assertThat(feed("event: stack", "id: 7", "data: {", "data:   \"a\": 1", "data: }", ""))
                .containsExactly(new ServerSentEvent("stack", "7", "{\n  \"a\": 1\n}"));
    }

    @Test
    void commentsAndUnknownFieldsAreIgnoredAndTheTypeDefaultsToMessage() {
        assertThat(feed(":keep-alive", "", "foo: bar", "data:x", "")).containsExactly(
                new ServerSentEvent("message", null, "x"));
    }

    @Test
    void theLastIdCarriesOverToLaterEventsAsTheFormatSays() {
        assertThat(feed("id: 3", "data: a", "", "data: b", "")).extracting(ServerSentEvent::id)
                .containsExactly("3", "3");
    }

    @Test
    void retryIsKeptAndAnEventWithoutDataIsNotDispatched() {
        assertThat(feed("retry: 2500", "event: stack", "")).isEmpty();
        assertThat(parser.retryMillis()).contains(2500L);
        assertThat(feed("data: after", "")).extracting(ServerSentEvent::event).containsExactly("message");
    }

    @Test
    void resetDropsAHalfReceivedEvent() {
        feed("event: stack", "data: partial");
        parser.reset();

        assertThat(feed("data: whole", "")).containsExactly(new ServerSentEvent("message", null, "whole"));
    }
}
