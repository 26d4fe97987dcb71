package io.graphium.cli.render;

import io.graphium.cli.api.HostView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code host ls}: one line per host, like {@code docker node ls}. */
public final class HostTable {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private HostTable() {
    }

    public static List<String> lines(List<HostView> hosts, Instant now) {
        Table table = Table.withHeader("ID", "IP", "DATACENTER", "STATUS", "CPUS", "MEMORY", "CONTAINERS", "SOURCE",
                "HEARTBEAT");
        for (HostView host : hosts) {
            int containers = host.usage() != null ? host.usage().containersRunning() : host.containers().size();
            table.row(host.id(), host.ipAddress(), host.datacenter(), host.status(), host.cpus(),
                    memory(host.memoryBytes()), containers, host.source(),
                    host.lastHeartbeat() == null ? "-" : TimeFormat.age(host.lastHeartbeat(), now) + " ago");
        }
        return table.lines();
    }

    /** Statuses that are not ACTIVE, with the inventory's reason, to print under the table. */
    public static List<String> notes(List<HostView> hosts) {
        return hosts.stream().filter(h -> !"ACTIVE".equals(h.status()) && h.statusReason() != null)
                .map(h -> h.id() + ": " + h.statusReason()).toList();
    }

    /** {@code 16Gi}, {@code 512Mi}: powers of 1024, as in stack definitions. */
    static String memory(long bytes) {
        if (bytes >= GIB) {
            return trim(bytes / (double) GIB) + "Gi";
        }
        if (bytes >= MIB) {
            return trim(bytes / (double) MIB) + "Mi";
        }
        return bytes + "B";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
