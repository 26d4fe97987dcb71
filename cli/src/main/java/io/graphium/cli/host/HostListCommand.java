package io.graphium.cli.host;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.ApiResponse;
import io.graphium.cli.api.HostView;
import io.graphium.cli.api.Json;
import io.graphium.cli.render.HostTable;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code graphium host ls}: the live inventory, one line per host, then why any host is not ACTIVE. */
@Command(name = "ls", aliases = "list", description = "List the hosts: status, capacity, load, last heartbeat.")
public class HostListCommand extends ApiCommand {

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only hosts in this status: active, degraded, maintenance, offline")
    private String status;

    @Option(names = "--datacenter", paramLabel = "DC", description = "Only hosts in this datacenter")
    private String datacenter;

    @Override
    public Integer call() {
        ApiResponse<List<HostView>> hosts = client().hosts(status, datacenter);
        if (jsonOutput()) {
            out().println(Json.pretty(hosts.json()));
            return ExitCode.OK;
        }
        if (hosts.value().isEmpty()) {
            out().println("No hosts.");
            return ExitCode.OK;
        }
        HostTable.lines(hosts.value(), context().clock().instant()).forEach(out()::println);
        List<String> notes = HostTable.notes(hosts.value());
        if (!notes.isEmpty()) {
            out().println();
            notes.forEach(out()::println);
        }
        return ExitCode.OK;
    }
}
