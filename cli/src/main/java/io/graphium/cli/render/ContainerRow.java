package io.graphium.cli.render;

import io.graphium.cli.api.StackView;
import io.graphium.cli.api.StackView.Container;
import io.graphium.cli.api.StackView.Placement;
import io.graphium.cli.api.StackView.Port;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One container of a stack with where it was placed and what its agent last reported: the API keeps placements and
 * container states in two lists, people want them in one row.
 */
public record ContainerRow(String name, String hostId, String hostIp, List<Port> ports, String state, String health,
                           String message, Integer exitCode) {

    /** Placed containers in placement order, then any reported container that has no placement (yet). */
    public static List<ContainerRow> of(StackView stack) {
        Set<String> names = new LinkedHashSet<>();
        stack.placements().forEach(p -> names.add(p.container()));
        stack.containers().forEach(c -> names.add(c.name()));
        List<ContainerRow> rows = new ArrayList<>();
        for (String name : names) {
            Placement placement = stack.placementOf(name).orElse(null);
            Container container = stack.containerNamed(name).orElse(null);
            String hostId = container != null && container.hostId() != null ? container.hostId()
                    : placement != null ? placement.hostId() : null;
            rows.add(new ContainerRow(name, hostId, placement == null ? null : placement.hostIp(),
                    placement == null ? List.of() : placement.ports(),
                    container == null || container.state() == null ? "PENDING" : container.state(),
                    container == null ? null : container.health(), container == null ? null : container.message(),
                    container == null ? null : container.exitCode()));
        }
        return rows;
    }

    /** {@code host2 (10.213.0.12)}, or {@code -} while not placed. */
    public String host() {
        if (hostId == null) {
            return "-";
        }
        return hostIp == null ? hostId : hostId + " (" + hostIp + ")";
    }

    /**
     * {@code 10.213.0.12:8080->80/tcp}, docker style; unpublished ports as {@code 80/tcp}, after the IP when no port
     * shows it.
     */
    public String address() {
        String ports = this.ports.stream().map(p -> port(p, hostIp)).collect(Collectors.joining(","));
        boolean ipShown = this.ports.stream().anyMatch(p -> p.hostPort() != 0);
        if (hostIp == null || ipShown) {
            return ports.isEmpty() ? "-" : ports;
        }
        return ports.isEmpty() ? hostIp : hostIp + " " + ports;
    }

    /** {@code 8080->80/tcp}: the ports alone, for a table that shows the IP in its own column. */
    public String portsText() {
        return portsText(ports);
    }

    /** {@code 8080->80/tcp,5432/tcp} for any list of ports, e.g. a planned placement's. */
    public static String portsText(List<Port> ports) {
        return ports.isEmpty() ? "-" : ports.stream().map(p -> port(p, null)).collect(Collectors.joining(","));
    }

    /** The state, with the exit code of an exited container. */
    public String stateText() {
        return exitCode != null && ("EXITED".equals(state) || "FAILED".equals(state))
                ? state + " (exit " + exitCode + ")" : state;
    }

    /** {@code healthy}, {@code starting}...; {@code -} for a container without health check. */
    public String healthText() {
        return health == null || "NONE".equals(health) ? "-" : health.toLowerCase(Locale.ROOT);
    }

    public boolean hasProblem() {
        return message != null && !message.isBlank()
                && ("FAILED".equals(state) || "EXITED".equals(state) || "UNKNOWN".equals(state));
    }

    /** @param ip shown before the host port when not null */
    private static String port(Port port, String ip) {
        String target = port.containerPort() + "/" + (port.protocol() == null ? "tcp"
                : port.protocol().toLowerCase(Locale.ROOT));
        if (port.hostPort() == 0) {
            return target;
        }
        return (ip != null ? ip + ":" : "") + port.hostPort() + "->" + target;
    }
}
