package io.graphium.cli.acl;

import io.graphium.cli.CliException;
import io.graphium.cli.ExitCode;
import io.graphium.kafka.acl.AccessPlan;
import io.graphium.kafka.acl.AclReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code graphium acl print}: the ACL set as a table, or as {@code kafka-acls.sh} commands. Offline. */
@Command(name = "print", description = "Print the ACL set (offline): a table, or kafka-acls.sh commands.")
public class AclPrintCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ID", description = "Also the ACLs of this host's agent (repeatable)")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or kafka-acls; default: ${DEFAULT-VALUE}")
    private String format;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "BROKER:9093",
            description = "Bootstrap servers written into the kafka-acls commands; default: ${DEFAULT-VALUE}")
    private String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE", defaultValue = "admin.properties",
            description = "Admin client config written into the kafka-acls commands; default: ${DEFAULT-VALUE}")
    private String commandConfig;

    @Override
    public Integer call() {
        AccessPlan plan = AclApplyCommand.plan(hosts);
        String text = switch (format) {
            case "table" -> AclReport.table(plan);
            case "kafka-acls" -> AclReport.kafkaAclsCommands(plan, bootstrap, commandConfig);
            default -> throw new CliException(ExitCode.USAGE, "--format must be table or kafka-acls, not '" + format
                    + "'");
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
