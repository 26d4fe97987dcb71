package io.graphium.cli.api;

/**
 * One event of a {@code text/event-stream}: its type ({@code event:}, "message" when absent), the id the stream can
 * be resumed after ({@code id:}, null when absent) and its data lines joined by newlines.
 */
public record ServerSentEvent(String event, String id, String data) {
}
