package io.graphium.orchestrator.application;

import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.lifecycle.ContainerStatus;
import io.graphium.orchestrator.core.lifecycle.StackLifecycle.DeployOptions;
import java.time.Instant;
import java.util.Map;

/**
 * One input to one stack, decoded from whatever carried it (a Kafka record, a timer). Every input has an id: a
 * command's id or an event's, so that what it causes carries ids derived from it.
 */
public sealed interface StackInput {

    String stackId();

    /** The id of this input (command id, event id). */
    String inputId();

    /** Who sent a stack command, and whether the orchestrator's REST API vouched for the name. */
    record Requester(String name, boolean verified) {
        public static final Requester UNKNOWN = new Requester(null, false);
    }

    /** A stack command from a user or any producer. */
    sealed interface StackCommand extends StackInput {
        Requester requester();
    }

    record Deploy(String inputId, String stackId, StackDefinition definition, DeployOptions options,
                  Instant requestedAt, Requester requester) implements StackCommand {
    }

    record Stop(String inputId, String stackId, Requester requester) implements StackCommand {
    }

    record Start(String inputId, String stackId, Requester requester) implements StackCommand {
    }

    record Remove(String inputId, String stackId, boolean removeVolumes, Requester requester) implements StackCommand {
    }

    record PlacementDecided(String inputId, String stackId, String deploymentId, Map<String, Placement> placements)
            implements StackInput {
    }

    record PlacementFailed(String inputId, String stackId, String deploymentId, String message) implements StackInput {
    }

    /** An agent's report; {@code status.hostId()} is the host whose reports topic it came from. */
    record ContainerReported(String inputId, String stackId, String deploymentId, ContainerStatus status)
            implements StackInput {
    }

    /** The stack's deadline has passed (a timer noticed). */
    record DeadlinePassed(String stackId, String deploymentId, long version) implements StackInput {
        @Override
        public String inputId() {
            return deploymentId + ":deadline:" + version;
        }
    }
}
