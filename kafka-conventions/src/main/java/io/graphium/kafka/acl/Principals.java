package io.graphium.kafka.acl;

import io.graphium.kafka.Topics;

/**
 * The Kafka principals (SASL SCRAM user names) of Graphium: one per service, one per host agent, and the super user
 * {@code admin} that only provisions (users, topics, ACLs) and never runs a service.
 */
public final class Principals {

    public static final String ORCHESTRATOR = "graphium-orchestrator";
    public static final String PLACEMENT = "graphium-placement";
    /** A client that may only ask for deployments (CI pipelines, the REST edge of another team). */
    public static final String DEPLOYER = "graphium-deployer";
    /** A dashboard or report that only reads stack status and history. */
    public static final String READER = "graphium-reader";
    /** The broker's only super user: provisioning, never a service. */
    public static final String ADMIN = "admin";

    /** Consumer groups of the orchestrator start with this (its listeners' ids and {@code orchestrator-service}). */
    public static final String ORCHESTRATOR_GROUPS = "orchestrator";
    /**
     * The {@code application.id} of the orchestrator's Kafka Streams application ({@code exactly_once_v2}): also its
     * consumer group.
     */
    public static final String ORCHESTRATOR_STREAMS_APPLICATION_ID = ORCHESTRATOR;
    /**
     * What the names of that application's internal topics ({@code <application.id>-<store>-changelog},
     * {@code <application.id>-<operator>-repartition}) and transactional ids ({@code <application.id>-<process
     * id>-<thread>}) start with. Not under {@code graphium.}: the one prefix on which a service may create topics.
     */
    public static final String ORCHESTRATOR_STREAMS_PREFIX = ORCHESTRATOR_STREAMS_APPLICATION_ID + "-";
    /** Consumer groups of the placement service start with this. */
    public static final String PLACEMENT_GROUPS = "placement";
    /** Consumer groups a reader may use start with its principal name. */
    public static final String READER_GROUPS = READER;

    private static final String AGENT_PREFIX = "graphium-agent-";

    private Principals() {
    }

    /** The principal of the agent of host {@code hostId}: {@code graphium-agent-<hostId>}. */
    public static String agent(String hostId) {
        if (!Topics.isValidHostId(hostId)) {
            throw new IllegalArgumentException("host id '" + hostId + "' is not usable in a principal name: use 1-63 "
                    + "letters, digits, '-' or '_', starting with a letter or digit");
        }
        return AGENT_PREFIX + hostId;
    }

    /** The consumer group of that agent's command listener: {@code host-agent-<hostId>}. */
    public static String agentGroup(String hostId) {
        return "host-agent-" + hostId;
    }
}
