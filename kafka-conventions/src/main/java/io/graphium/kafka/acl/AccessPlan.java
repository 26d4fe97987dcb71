package io.graphium.kafka.acl;

import io.graphium.kafka.Topic;
import io.graphium.kafka.Topics;
import io.graphium.kafka.acl.Acl.Operation;
import io.graphium.kafka.acl.Acl.Pattern;
import io.graphium.kafka.acl.Acl.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every ACL Graphium needs, derived from {@link Topics}: what each principal may read and write, and nothing else.
 * Pure: no broker, no Kafka types ({@link AclProvisioner#binding} converts for the authorizer).
 *
 * <ul>
 *   <li>An agent touches only its own host's topics, by literal name: it reads its commands and desired state,
 *       writes its reports, dead-letters its own commands, reads with its own group.</li>
 *   <li>A service that needs one kind of topic for every host gets a prefixed rule on the kind's prefix
 *       ({@code graphium.host.commands.}, {@code graphium.host.desired.} for writing, {@code graphium.host.reports.}
 *       for reading). Host ids contain no dot, so {@code graphium.host.reports.h1} never prefixes another host's
 *       topic.</li>
 *   <li>Nobody but the agent may write a host's report topic: the topic authenticates the host. The dead-letter
 *       topic of {@code graphium.host.reports.<id>} is {@code graphium.host.reports.<id>.DLT}, inside the reports
 *       prefix, so the consumers that dead-letter reports (orchestrator, placement) get a literal WRITE on each
 *       host's report DLT, generated with the host, never a prefixed WRITE on the reports prefix.</li>
 *   <li>Topics are created by the admin when provisioning ({@link #topics}): shared topics once, a host's three
 *       topics (and their dead-letter topics) with the host's principal. No service holds CREATE on a
 *       {@code graphium.} topic; a host that was not provisioned has no topics and no principal.</li>
 *   <li>The one exception: the orchestrator's Kafka Streams application creates (and purges) its own internal
 *       topics, on the prefix {@code graphium-orchestrator-}, which no {@code graphium.} topic name starts with
 *       ({@link #orchestratorStreams}).</li>
 * </ul>
 */
public final class AccessPlan {

    private final Set<String> hosts;
    private final List<Acl> acls;

    private AccessPlan(Collection<String> hostIds) {
        this.hosts = new TreeSet<>(hostIds);
        List<Acl> all = new ArrayList<>();
        orchestrator(all);
        placement(all);
        deployer(all);
        reader(all);
        hosts.forEach(host -> host(host, all));
        all.sort(ORDER);
        this.acls = List.copyOf(new LinkedHashSet<>(all));
    }

    /** The plan for the services and for the agents of {@code hostIds} (none: the services only). */
    public static AccessPlan forHosts(Collection<String> hostIds) {
        hostIds.forEach(Principals::agent); // validates every id
        return new AccessPlan(hostIds);
    }

    /** Every rule, ordered by principal, resource, name, operation. */
    public List<Acl> acls() {
        return acls;
    }

    /** The rules of one principal. */
    public List<Acl> of(String principal) {
        return acls.stream().filter(a -> a.principal().equals(principal)).toList();
    }

    /** The principals this plan gives rules to: the services, then the agents. */
    public List<String> principals() {
        List<String> principals = new ArrayList<>(List.of(Principals.ORCHESTRATOR, Principals.PLACEMENT,
                Principals.DEPLOYER, Principals.READER));
        hosts.forEach(h -> principals.add(Principals.agent(h)));
        return principals;
    }

    /** Whether some rule allows {@code principal} to do {@code operation} on that resource. */
    public boolean allows(String principal, Resource kind, String name, Operation operation) {
        return acls.stream().anyMatch(a -> a.allows(principal, kind, name, operation));
    }

    /** The topics the admin creates: the shared ones, and the three topics of each host, each with its DLT. */
    public List<Topic> topics() {
        List<Topic> topics = new ArrayList<>(Topics.SHARED);
        hosts.forEach(h -> topics.addAll(List.of(Topics.hostCommands(h), Topics.hostDesired(h),
                Topics.hostReports(h))));
        return topics;
    }

    private static void orchestrator(List<Acl> acls) {
        String p = Principals.ORCHESTRATOR;
        for (Topic t : List.of(Topics.STACK_COMMANDS, Topics.PLACEMENT_RESULTS, Topics.HOSTS, Topics.HOST_ADMIN,
                Topics.STACK_STATUS, Topics.STACK_DEFINITIONS, Topics.STACK_HISTORY)) {
            read(acls, p, Pattern.LITERAL, t.name()); // status, definitions: restored at start; history: the API
        }
        read(acls, p, Pattern.PREFIXED, Topics.HOST_REPORTS_PREFIX);
        write(acls, p, Pattern.PREFIXED, Topics.HOST_COMMANDS_PREFIX);
        write(acls, p, Pattern.PREFIXED, Topics.HOST_DESIRED_PREFIX);
        // Stack commands: its REST API publishes the commands it accepts there, the one path every deployer takes.
        for (Topic t : List.of(Topics.STACK_COMMANDS, Topics.PLACEMENT_REQUESTS, Topics.STACK_STATUS,
                Topics.STACK_DEFINITIONS, Topics.STACK_HISTORY, Topics.HOSTS, Topics.HOST_ADMIN)) {
            write(acls, p, Pattern.LITERAL, t.name());
        }
        // Dead letters of what it consumes with a listener (report DLTs: per host, see host()).
        for (Topic t : List.of(Topics.STACK_COMMANDS, Topics.PLACEMENT_RESULTS, Topics.HOSTS, Topics.HOST_ADMIN)) {
            write(acls, p, Pattern.LITERAL, t.deadLetterTopic());
        }
        group(acls, p, Pattern.PREFIXED, Principals.ORCHESTRATOR_GROUPS);
        describeAll(acls, p);
        orchestratorStreams(acls);
    }

    /**
     * What the orchestrator's Kafka Streams application ({@code application.id=graphium-orchestrator},
     * {@code processing.guarantee=exactly_once_v2}) needs beyond the topics above, which are its sources and sinks
     * (READ on status and history also serves its global stores, which read without a group):
     * <ul>
     *   <li>its consumer group, the application id, literally (READ implies DESCRIBE for a group);</li>
     *   <li>its internal topics ({@code graphium-orchestrator-<store>-changelog}, {@code -repartition}), prefixed:
     *       CREATE (Streams creates them at start), READ (restore, repartition sources), WRITE, DELETE (committed
     *       repartition records are purged with DeleteRecords) and DESCRIBE. No DESCRIBE_CONFIGS or ALTER_CONFIGS:
     *       the default start-up only describes and creates them, with their configs set at creation;</li>
     *   <li>its transactional ids ({@code graphium-orchestrator-<process id>-<thread>} under EOS v2), prefixed: WRITE
     *       and DESCRIBE. No IDEMPOTENT_WRITE on the cluster: a transactional producer is authorized by its
     *       transactional id, an idempotent one by WRITE on any topic (KIP-679).</li>
     * </ul>
     * The internal-topic prefix is not under {@code graphium.}, so this CREATE and DELETE reach no Graphium topic.
     */
    private static void orchestratorStreams(List<Acl> acls) {
        String p = Principals.ORCHESTRATOR;
        String prefix = Principals.ORCHESTRATOR_STREAMS_PREFIX;
        group(acls, p, Pattern.LITERAL, Principals.ORCHESTRATOR_STREAMS_APPLICATION_ID);
        for (Operation op : List.of(Operation.CREATE, Operation.READ, Operation.WRITE, Operation.DELETE,
                Operation.DESCRIBE)) {
            acls.add(new Acl(p, Resource.TOPIC, Pattern.PREFIXED, prefix, op));
        }
        acls.add(new Acl(p, Resource.TRANSACTIONAL_ID, Pattern.PREFIXED, prefix, Operation.WRITE));
        acls.add(new Acl(p, Resource.TRANSACTIONAL_ID, Pattern.PREFIXED, prefix, Operation.DESCRIBE));
    }

    private static void placement(List<Acl> acls) {
        String p = Principals.PLACEMENT;
        for (Topic t : List.of(Topics.PLACEMENT_REQUESTS, Topics.PLACEMENT_RESULTS, Topics.HOSTS, Topics.HOST_ADMIN)) {
            read(acls, p, Pattern.LITERAL, t.name()); // results: replayed to restore reservations
        }
        read(acls, p, Pattern.PREFIXED, Topics.HOST_REPORTS_PREFIX);
        write(acls, p, Pattern.LITERAL, Topics.PLACEMENT_RESULTS.name());
        for (Topic t : List.of(Topics.PLACEMENT_REQUESTS, Topics.HOSTS, Topics.HOST_ADMIN)) {
            write(acls, p, Pattern.LITERAL, t.deadLetterTopic());
        }
        group(acls, p, Pattern.PREFIXED, Principals.PLACEMENT_GROUPS);
        describeAll(acls, p);
    }

    private static void deployer(List<Acl> acls) {
        write(acls, Principals.DEPLOYER, Pattern.LITERAL, Topics.STACK_COMMANDS.name());
    }

    private static void reader(List<Acl> acls) {
        read(acls, Principals.READER, Pattern.LITERAL, Topics.STACK_STATUS.name());
        read(acls, Principals.READER, Pattern.LITERAL, Topics.STACK_HISTORY.name());
        group(acls, Principals.READER, Pattern.PREFIXED, Principals.READER_GROUPS);
    }

    /** An agent's own topics, and the literal report-DLT rules of the services that consume its reports. */
    private static void host(String host, List<Acl> acls) {
        String agent = Principals.agent(host);
        read(acls, agent, Pattern.LITERAL, Topics.hostCommands(host).name());
        read(acls, agent, Pattern.LITERAL, Topics.hostDesired(host).name());
        write(acls, agent, Pattern.LITERAL, Topics.hostReports(host).name());
        write(acls, agent, Pattern.LITERAL, Topics.hostCommands(host).deadLetterTopic()); // a poison command
        group(acls, agent, Pattern.LITERAL, Principals.agentGroup(host));
        // It declares its own topics with their DLTs at start: on a provisioned cluster that is a describe of each.
        for (Topic own : Topics.declaredByAgent(host)) {
            describe(acls, agent, own.name());
            describe(acls, agent, own.deadLetterTopic());
        }
        for (String service : List.of(Principals.ORCHESTRATOR, Principals.PLACEMENT)) {
            write(acls, service, Pattern.LITERAL, Topics.hostReports(host).deadLetterTopic());
        }
    }

    /**
     * Metadata of every Graphium topic (no records): the services declare their topics and dead-letter topics at
     * start, which on a provisioned cluster is a describe that finds them all. Agents do not get it: topic names
     * would tell them the other hosts' ids.
     */
    private static void describeAll(List<Acl> acls, String principal) {
        acls.add(new Acl(principal, Resource.TOPIC, Pattern.PREFIXED, GRAPHIUM_TOPICS, Operation.DESCRIBE));
    }

    /** The prefix every Graphium topic name starts with. */
    static final String GRAPHIUM_TOPICS = "graphium.";

    private static void read(List<Acl> acls, String principal, Pattern pattern, String name) {
        acls.add(new Acl(principal, Resource.TOPIC, pattern, name, Operation.READ));
        acls.add(new Acl(principal, Resource.TOPIC, pattern, name, Operation.DESCRIBE));
    }

    private static void write(List<Acl> acls, String principal, Pattern pattern, String name) {
        acls.add(new Acl(principal, Resource.TOPIC, pattern, name, Operation.WRITE));
        acls.add(new Acl(principal, Resource.TOPIC, pattern, name, Operation.DESCRIBE));
    }

    private static void describe(List<Acl> acls, String principal, String literalName) {
        acls.add(new Acl(principal, Resource.TOPIC, Pattern.LITERAL, literalName, Operation.DESCRIBE));
    }

    private static void group(List<Acl> acls, String principal, Pattern pattern, String name) {
        acls.add(new Acl(principal, Resource.GROUP, pattern, name, Operation.READ));
    }

    private static final List<String> PRINCIPAL_ORDER = List.of(Principals.ORCHESTRATOR, Principals.PLACEMENT,
            Principals.DEPLOYER, Principals.READER);

    private static final Comparator<Acl> ORDER = Comparator
            .comparing((Acl a) -> PRINCIPAL_ORDER.contains(a.principal()) ? PRINCIPAL_ORDER.indexOf(a.principal())
                    : PRINCIPAL_ORDER.size())
            .thenComparing(Acl::principal).thenComparing(Acl::resource).thenComparing(Acl::name)
            .thenComparing(Acl::pattern).thenComparing(Acl::operation);
}
