package io.graphium.cli.host;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.api.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code graphium host set-status ID maintenance|active|offline}: an operator's override. MAINTENANCE and OFFLINE
 * keep new containers off the host; ACTIVE lifts the override.
 */
@Command(name = "set-status",
        description = {"Take a host out of placement (maintenance, offline) or back in (active).",
                "Containers already on the host keep running."})
public class HostSetStatusCommand extends ApiCommand {

    /** The statuses an operator can set. */
    public enum Status {
        active, maintenance, offline
    }

    @Parameters(index = "0", paramLabel = "ID", description = "Host id")
    private String hostId;

    @Parameters(index = "1", paramLabel = "STATUS", description = "active, maintenance or offline")
    private Status status;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown in host ls and the host's events")
    private String reason;

    @Override
    public Integer call() {
        ObjectNode change = Json.MAPPER.createObjectNode().put("status", status.name());
        if (reason != null) {
            change.put("reason", reason);
        }
        return report(client().setHostStatus(hostId, Json.compact(change)), answer -> HostAnswer.withNote(answer,
                "Host " + hostId + " is " + answer.path("status").asString(status.name().toUpperCase())
                        + (answer.hasNonNull("statusReason") ? ": " + answer.get("statusReason").asString() : ".")));
    }
}
