package io.graphium.cli.acl;

import picocli.CommandLine.Command;

/** {@code graphium acl}: the Kafka ACLs of Graphium's principals, generated from the topic layout. */
@Command(name = "acl", description = {"Kafka ACLs of Graphium's principals, generated from the topic layout:",
        "services (graphium-orchestrator, graphium-placement, graphium-deployer, graphium-reader) and one",
        "graphium-agent-<id> per host given with --host."},
        subcommands = {AclPrintCommand.class, AclApplyCommand.class})
public class AclCommand {
}
