package io.graphium.cli;

import java.time.Clock;
import java.time.Duration;

/**
 * What the commands take from the world outside the command line: whether stdout is a terminal that understands
 * ANSI, the clock (for ages), and how soon a dropped event stream is reconnected. Tests pass their own.
 *
 * @param ansi           redraw progress in place; otherwise print one plain line per change
 * @param reconnectDelay first pause before reconnecting a dropped event stream (it grows with each failure)
 */
public record CliContext(boolean ansi, Clock clock, Duration reconnectDelay) {

    public static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

    /** The real terminal: ANSI only on an interactive console whose TERM is set and not "dumb". */
    public static CliContext detect() {
        String term = System.getenv("TERM");
        boolean ansi = System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
        return new CliContext(ansi, Clock.systemUTC(), RECONNECT_DELAY);
    }
}
