package io.graphium.cli.render;

import io.graphium.cli.api.StackView;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

/** The readable views of one stack: its summary ({@code stack status}), its placements and its endpoints. */
public final class StackReport {

    private final PrintWriter out;
    private final Instant now;

    public StackReport(PrintWriter out, Instant now) {
        this.out = out;
        this.now = now;
    }

    /** Summary, a table of containers, endpoints. */
    public void status(StackView stack) {
        Table summary = Table.withoutHeader(2)
                .row("Stack:", stack.stackId() + (stack.name() == null || stack.name().equals(stack.stackId())
                        ? "" : " (" + stack.name() + ")"))
                .row("Status:", stack.status())
                .row("Deployment:", stack.deploymentId() + " (version " + stack.version() + ")")
                .row("Strategy:", stack.strategy())
                .row("Location:", stack.location())
                .row("Requested:", timestamp(stack.requestedAt()))
                .row("Started:", timestamp(stack.startedAt()))
                .row("Completed:", timestamp(stack.completedAt()));
        if (stack.error() != null) {
            summary.row("Error:", stack.error());
        }
        summary.lines().forEach(out::println);
        out.println();
        Table containers = Table.withHeader("CONTAINER", "HOST", "ADDRESS", "STATE", "HEALTH");
        ContainerRow.of(stack).forEach(c -> containers.row(c.name(), c.hostId(), c.address(), c.stateText(),
                c.healthText()));
        containers.lines().forEach(out::println);
        ContainerRow.of(stack).stream().filter(ContainerRow::hasProblem)
                .forEach(c -> out.println("  " + c.name() + ": " + c.message()));
        out.println();
        endpoints(stack);
    }

    /** Which container runs on which host, with its published ports. */
    public void placements(StackView stack) {
        out.println("Placements:");
        Table table = Table.withHeader("CONTAINER", "HOST", "IP", "PORTS");
        ContainerRow.of(stack).forEach(c -> table.row(c.name(), c.hostId(), c.hostIp(), c.portsText()));
        table.lines().forEach(line -> out.println("  " + line));
    }

    /** Where the stack's published services answer. */
    public void endpoints(StackView stack) {
        if (stack.serviceEndpoints().isEmpty()) {
            out.println("Service endpoints: none (no published ports)");
            return;
        }
        out.println("Service endpoints:");
        Table table = Table.withoutHeader(2);
        for (Map.Entry<String, String> endpoint : stack.serviceEndpoints().entrySet()) {
            table.row(endpoint.getKey(), endpoint.getValue());
        }
        table.lines().forEach(line -> out.println("  " + line));
    }

    private String timestamp(Instant instant) {
        return instant == null ? "-" : TimeFormat.instant(instant) + " (" + TimeFormat.age(instant, now) + " ago)";
    }
}
