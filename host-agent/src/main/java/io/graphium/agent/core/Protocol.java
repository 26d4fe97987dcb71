package io.graphium.agent.core;

import java.util.Locale;

/** Transport protocol of a port. */
public enum Protocol {
    TCP, UDP;

    /** "tcp"/"udp" as Docker writes them; anything else (or null) is TCP, Docker's default. */
    public static Protocol fromDocker(String value) {
        return value != null && value.toLowerCase(Locale.ROOT).equals("udp") ? UDP : TCP;
    }

    /** The spelling Docker uses. */
    public String docker() {
        return name().toLowerCase(Locale.ROOT);
    }
}
