package io.graphium.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.DesiredContainer;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatusChanged;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.events.RemoveContainer;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackDeploymentStatus;
import io.graphium.events.StackHistoryEvent;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.events.StartContainer;
import io.graphium.events.StopContainer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every topic of Graphium. {@code schemas/README.md} documents the same table for non-Java clients. */
public final class Topics {

    private Topics() {
    }

    /** Stack lifecycle commands, keyed by stack id so that deploy, stop and remove of one stack stay in order. */
    public static final Topic STACK_COMMANDS = new Topic("graphium.stack.commands", "stack id",
            Set.of(StackDeployRequested.class, StackStopRequested.class, StackStartRequested.class,
                    StackRemoveRequested.class),
            6, false, Duration.ofDays(7));

    /**
     * Orchestrator to placement service. One partition on purpose: the placement service is a single writer of
     * reservations (one active consumer in its group, the others stand by), so two stacks placed at the same moment
     * are decided one after the other and can never double-book a port or a byte of memory.
     */
    public static final Topic PLACEMENT_REQUESTS = new Topic("graphium.placement.requests", "stack id",
            Set.of(PlacementRequested.class), 1, false, Duration.ofDays(7));

    /** Placement service to orchestrator. */
    public static final Topic PLACEMENT_RESULTS = new Topic("graphium.placement.results", "stack id",
            Set.of(PlacementDecided.class, PlacementFailed.class), 6, false, Duration.ofDays(7));

    /**
     * Manual host registrations (and their removals), written by the orchestrator only; compacted, so the latest
     * record per host is the inventory. Agents report on their own {@link #hostReports(String)} topics instead.
     */
    public static final Topic HOSTS = new Topic("graphium.hosts", "host id",
            Set.of(HostRegistered.class, HostHeartbeat.class), 3, true, Duration.ofDays(1));

    /**
     * Operators' host status overrides (maintenance, offline, active), compacted: kept apart from {@link #HOSTS} so
     * that heartbeats never compact an operator's decision away.
     */
    public static final Topic HOST_ADMIN = new Topic("graphium.hosts.admin", "host id",
            Set.of(HostStatusChanged.class), 3, true, Duration.ofDays(1));

    /** Latest full state of every stack, for dashboards: read from offset 0 to get them all. */
    public static final Topic STACK_STATUS = new Topic("graphium.stack.status", "stack id",
            Set.of(StackDeploymentStatus.class), 6, true, Duration.ofDays(1));

    /**
     * The definition each stack's current deployment was accepted from (the {@code StackDeployRequested} itself),
     * compacted: with {@link #STACK_STATUS} it is all the orchestrator needs to go on after a restart.
     */
    public static final Topic STACK_DEFINITIONS = new Topic("graphium.stack.definitions", "stack id",
            Set.of(StackDeployRequested.class), 6, true, Duration.ofDays(1));

    /**
     * Every lifecycle step of every stack, append-only: the audit trail behind {@code GET /stacks/{id}/history} and
     * the resumable event streams. Keyed by stack id, so one stack's steps stay in order.
     */
    public static final Topic STACK_HISTORY = new Topic("graphium.stack.history", "stack id",
            Set.of(StackHistoryEvent.class), 6, false, Duration.ofDays(30));

    /** The topics every deployment declares up front; per-host topics are created as hosts appear. */
    public static final List<Topic> SHARED = List.of(STACK_COMMANDS, PLACEMENT_REQUESTS, PLACEMENT_RESULTS,
            HOSTS, HOST_ADMIN, STACK_STATUS, STACK_DEFINITIONS, STACK_HISTORY);

    /** Host ids become part of topic names and of ACL resource names: no dots, so one host's names never prefix another's. */
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    /**
     * Every per-host topic name is {@code <prefix><hostId>}, the kind first, so that one prefixed ACL covers a kind
     * for every host (the orchestrator writes all command topics, the placement service reads all report topics)
     * and a literal ACL covers one host's topic (an agent reads only its own commands).
     */
    public static final String HOST_COMMANDS_PREFIX = "graphium.host.commands.";
    public static final String HOST_DESIRED_PREFIX = "graphium.host.desired.";
    public static final String HOST_REPORTS_PREFIX = "graphium.host.reports.";

    /**
     * Container commands for one host, written by the orchestrator and read by that host's agent only. Keyed by host
     * id; a single partition keeps the host's commands in order.
     */
    public static Topic hostCommands(String hostId) {
        return new Topic(HOST_COMMANDS_PREFIX + checkedHostId(hostId), "host id",
                Set.of(DeployContainer.class, StartContainer.class, StopContainer.class, RemoveContainer.class),
                1, false, Duration.ofDays(7));
    }

    /**
     * What should run on one host, one record per container keyed {@code <stackId>/<containerName>} (tombstone once
     * removed), compacted. Written by the orchestrator before it sends the host command; read only by that host's
     * agent, which reconciles against it at start and after its Docker daemon restarts.
     */
    public static Topic hostDesired(String hostId) {
        return new Topic(HOST_DESIRED_PREFIX + checkedHostId(hostId), "<stackId>/<containerName>",
                Set.of(DesiredContainer.class), 1, true, Duration.ofDays(1));
    }

    /**
     * Everything one host's agent reports: its registration, heartbeats and container status changes. Only that
     * host's agent may write it, so the topic a report arrives on authenticates the host it comes from
     * ({@link ReportSource}). Created by the agent at start. Host records are keyed by host id, status changes by
     * {@code <stackId>/<containerName>}; compacted and deleted after 7 days: a reader that starts (or restarts) finds
     * the host's latest registration or heartbeat and the latest state of each of its containers without replaying
     * every heartbeat, and a host that has been silent for a week is gone.
     */
    public static Topic hostReports(String hostId) {
        return new Topic(HOST_REPORTS_PREFIX + checkedHostId(hostId),
                "host id for host records, <stackId>/<containerName> for status changes",
                Set.of(HostRegistered.class, HostHeartbeat.class, ContainerStatusChanged.class), 1, true,
                Duration.ofDays(7), true);
    }

    /**
     * The topics a host's agent declares at start (with their dead-letter topics), so that on a plaintext cluster the
     * host can report before the orchestrator has heard of it. The desired-state topic is the orchestrator's to
     * create, with the first container it places there. On a provisioned cluster the declaration is only a describe,
     * so the agent holds DESCRIBE on each of these and their DLTs ({@code AccessPlan}).
     */
    public static List<Topic> declaredByAgent(String hostId) {
        return List.of(hostCommands(hostId), hostReports(hostId));
    }

    /** The three topics of one host: its commands, its desired state and its reports. */
    public static List<Topic> perHost(String hostId) {
        return List.of(hostCommands(hostId), hostDesired(hostId), hostReports(hostId));
    }

    /** The key of a container's status changes on {@link #hostReports(String)}. */
    public static String statusKey(String stackId, String containerName) {
        return stackId + "/" + containerName;
    }

    /** The key of a container's record on {@link #hostDesired(String)}. */
    public static String desiredKey(String stackId, String containerName) {
        return stackId + "/" + containerName;
    }

    /**
     * Matches every per-host report topic (what the orchestrator and the placement service subscribe to), and not
     * their dead-letter topics (a host id has no dot).
     */
    public static final Pattern HOST_REPORTS_PATTERN = Pattern.compile(Pattern.quote(HOST_REPORTS_PREFIX)
            + "[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    /** Matches every per-host report topic and the given topics (for a consumer that needs the whole inventory). */
    public static Pattern reportsAnd(Topic... topics) {
        StringBuilder regex = new StringBuilder(HOST_REPORTS_PATTERN.pattern());
        for (Topic topic : topics) {
            regex.append('|').append(Pattern.quote(topic.name()));
        }
        return Pattern.compile(regex.toString());
    }

    /** The host whose report topic {@code topicName} is; empty for any other topic (dead-letter topics included). */
    public static java.util.Optional<String> reportingHost(String topicName) {
        return topicName != null && HOST_REPORTS_PATTERN.matcher(topicName).matches()
                ? java.util.Optional.of(topicName.substring(HOST_REPORTS_PREFIX.length()))
                : java.util.Optional.empty();
    }

    /** True when {@code hostId} can be used in topic and principal names. */
    public static boolean isValidHostId(String hostId) {
        return hostId != null && HOST_ID.matcher(hostId).matches();
    }

    private static String checkedHostId(String hostId) {
        if (!isValidHostId(hostId)) {
            throw new IllegalArgumentException("host id '" + hostId + "' is not usable in a topic name: use 1-63 "
                    + "letters, digits, '-' or '_', starting with a letter or digit");
        }
        return hostId;
    }

    /** Matches every per-host command topic (for monitoring). */
    public static final Pattern HOST_COMMANDS_PATTERN =
            Pattern.compile(Pattern.quote(HOST_COMMANDS_PREFIX) + "[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
}
