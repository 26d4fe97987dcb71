package io.graphium.orchestrator.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's restart policy for a container (a Graphium extension of the definition): {@code "no"},
 * {@code "on-failure"} or {@code "on-failure:N"} (at most N restarts), {@code "always"}, {@code "unless-stopped"}.
 * Absent means NO: the agent, reconciling against the desired state, is what brings a container back.
 *
 * @param maxRetries ON_FAILURE only: give up after this many restarts; 0 = no limit
 */
public record RestartPolicy(Mode mode, int maxRetries) {

    /** When Docker restarts the container. */
    public enum Mode {
        NO, ON_FAILURE, ALWAYS, UNLESS_STOPPED
    }

    private static final Pattern TEXT = Pattern.compile("(no|always|unless-stopped|on-failure)(?::(\\d{1,6}))?");

    /** Reads the definition's text; throws {@link IllegalArgumentException} completing "restartPolicy '...' ". */
    public static RestartPolicy parse(String text) {
        Matcher m = TEXT.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || (m.group(2) != null && !m.group(1).equals("on-failure"))) {
            throw new IllegalArgumentException("is not one of \"no\", \"on-failure\", \"on-failure:N\" (N restarts "
                    + "at most), \"always\", \"unless-stopped\"");
        }
        Mode mode = Mode.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        return new RestartPolicy(mode, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
}
