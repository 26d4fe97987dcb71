package io.graphium.agent.core;

import java.util.Locale;

/** Host ids must be usable in topic names: 1-63 letters, digits, '-' or '_', starting with a letter or digit. */
public final class HostIds {

    private HostIds() {
    }

    /** A host id made from a host name: "Web-01.dc1.example.com" gives "web-01-dc1-example-com". */
    public static String fromHostname(String hostname) {
        String id = hostname == null ? "" : hostname.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (id.length() > 63) {
            id = id.substring(0, 63);
        }
        return id.isEmpty() ? "host" : id;
    }
}
