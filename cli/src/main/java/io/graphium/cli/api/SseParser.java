package io.graphium.cli.api;

import java.util.Optional;

/**
 * The line-level rules of the server-sent events format (WHATWG HTML, "Parsing an event stream"): feed it lines, it
 * returns an event at each blank line that ends one. Comments ({@code :keep-alive}) and unknown fields are ignored;
 * {@code retry:} is kept for the reconnect delay.
 */
public final class SseParser {

    private String event;
    private String id;
    private StringBuilder data;
    private Long retryMillis;

    /** The event the line completes, if it is the blank line after one. */
    public Optional<ServerSentEvent> line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "id" -> {
                if (!value.contains("\0")) {
                    id = value;
                }
            }
            case "retry" -> {
                if (value.matches("\\d{1,9}")) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored, as the format requires
            }
        }
        return Optional.empty();
    }

    /** The reconnect delay the server asked for with {@code retry:}, if it did. */
    public Optional<Long> retryMillis() {
        return Optional.ofNullable(retryMillis);
    }

    /** Forgets a half-received event, e.g. when the connection dropped in the middle of it. */
    public void reset() {
        event = null;
        data = null;
    }

    private Optional<ServerSentEvent> dispatch() {
        if (data == null) {
            event = null;
            return Optional.empty();
        }
        ServerSentEvent complete = new ServerSentEvent(event == null || event.isEmpty() ? "message" : event, id,
                data.toString());
        event = null;
        data = null;
        return Optional.of(complete);
    }
}
