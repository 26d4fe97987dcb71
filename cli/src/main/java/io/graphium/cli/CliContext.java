package io.graphium.cli;

import java.time.Clock;
import java.time.Duration;

/**
 * What the commands take from the world outside the command line: whether stdout is a terminal that understands
 * ANSI, the clock (for ages), and how often {@code --wait} polls. Tests pass their own.
 *
 * @param ansi         redraw progress in place; otherwise print one plain line per change
 * @param pollInterval pause between two {@code GET}s while waiting for a stack
 */
public record CliContext(boolean ansi, Clock clock, Duration pollInterval) {

    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** The real terminal: ANSI only on an interactive console whose TERM is set and not "dumb". */
    public static CliContext detect() {
        String term = System.getenv("TERM");
        boolean ansi = System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
        return new CliContext(ansi, Clock.systemUTC(), POLL_INTERVAL);
    }
}
