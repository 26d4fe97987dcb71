package io.graphium.cli.host;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.CliException;
import io.graphium.cli.DefinitionFile;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.Json;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code graphium host register}: registers a host that has no agent, from options or a JSON file
 * ({@code {"id", "name", "ipAddress", "cpus", "memory", "datacenter", "labels", "status"}}). The orchestrator checks
 * every field and lists each problem with its path.
 */
@Command(name = "register", sortOptions = true,
        description = {"Register a host by hand (a host whose agent does not register it).",
                "Placement treats it like any other host; its capacity is what you declare."})
public class HostRegisterCommand extends ApiCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Either a file or the fields as options. */
    static class Source {

        @Option(names = "--file", paramLabel = "FILE", required = true,
                description = "The registration as JSON: id, name, ipAddress, cpus, memory, datacenter, labels, "
                        + "status")
        Path file;

        @ArgGroup(exclusive = false)
        Fields fields;
    }

    /** The registration's fields. */
    static class Fields {

        @Option(names = "--id", paramLabel = "ID", required = true, description = "Host id (names its command topic)")
        String id;

        @Option(names = "--ip", paramLabel = "ADDRESS", required = true,
                description = "IP address containers are published on")
        String ipAddress;

        @Option(names = "--cpus", paramLabel = "N", required = true, description = "CPU cores to place by")
        Integer cpus;

        @Option(names = "--memory", paramLabel = "SIZE", required = true,
                description = "Memory to place by, e.g. 64Gi, 512Mi")
        String memory;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name; default: the id")
        String name;

        @Option(names = "--datacenter", paramLabel = "DC", description = "Datacenter (for location placement)")
        String datacenter;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label for host constraints; repeatable")
        Map<String, String> labels;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "active (default), maintenance or offline")
        String status;
    }

    @Override
    public Integer call() {
        return report(client().registerHost(registration()), answer -> {
            String id = answer.path("id").asString(answer.path("hostId").asString(""));
            return HostAnswer.withNote(answer, "Registered host " + id + (answer.has("status") ? " ("
                    + answer.get("status").asString() + ")" : "") + ".");
        });
    }

    private String registration() {
        if (source.file != null) {
            String text = DefinitionFile.read(source.file);
            DefinitionFile.parse(source.file, text); // a JSON syntax error is reported here, with line and column
            return text;
        }
        Fields fields = source.fields;
        if (fields == null) {
            throw new CliException(ExitCode.USAGE, "give --file FILE or --id, --ip, --cpus and --memory");
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", fields.id);
        if (fields.name != null) {
            json.put("name", fields.name);
        }
        json.put("ipAddress", fields.ipAddress);
        json.put("cpus", fields.cpus);
        json.put("memory", fields.memory);
        if (fields.datacenter != null) {
            json.put("datacenter", fields.datacenter);
        }
        if (fields.labels != null) {
            ObjectNode labels = json.putObject("labels");
            fields.labels.forEach(labels::put);
        }
        if (fields.status != null) {
            json.put("status", fields.status);
        }
        return Json.compact(json);
    }
}
