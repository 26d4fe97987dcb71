package io.graphium.cli.acl;

import io.graphium.cli.CliException;
import io.graphium.cli.ExitCode;
import io.graphium.kafka.acl.AccessPlan;
import io.graphium.kafka.acl.AclProvisioner;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code graphium acl apply}: provisions a cluster as its admin: creates the topics that are missing (shared ones,
 * and each host's commands, desired-state and reports topics) and adds every ACL. Running it again changes nothing.
 */
@Command(name = "apply", description = {"Create the missing topics and add every ACL, as the cluster's admin.",
        "Idempotent: run it again after adding a host (--host for every host, old and new)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage error or unreadable --command-config", "4:the broker refused or is away"})
public class AclApplyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true, description = "Bootstrap servers")
    private String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE", required = true,
            description = "Admin client config (security.protocol, sasl.*, ssl.*), as for kafka-acls.sh")
    private Path commandConfig;

    @Option(names = "--host", paramLabel = "ID", description = "Provision this host's agent too (repeatable)")
    private List<String> hosts = new ArrayList<>();

    @Override
    public Integer call() {
        AccessPlan plan = plan(hosts);
        Map<String, Object> settings = new HashMap<>();
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(commandConfig)) {
            file.load(in);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read --command-config " + commandConfig + ": " + e);
        }
        file.forEach((k, v) -> settings.put((String) k, v));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        AclProvisioner.Result result;
        try (Admin admin = Admin.create(settings)) {
            result = AclProvisioner.apply(admin, plan);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.SERVER_ERROR, e.getMessage());
        }
        spec.commandLine().getOut().println("created " + result.createdTopics().size() + " topic(s)"
                + (result.createdTopics().isEmpty() ? "" : ": " + String.join(", ", result.createdTopics())));
        spec.commandLine().getOut().println(result.acls() + " ACL(s) in place for " + plan.principals().size()
                + " principal(s): " + String.join(", ", plan.principals()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    static AccessPlan plan(List<String> hosts) {
        try {
            return AccessPlan.forHosts(hosts);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--host: " + e.getMessage());
        }
    }
}
