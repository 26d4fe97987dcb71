package io.graphium.agent.core;

import java.util.Objects;

/**
 * What the orchestrator wants of one container on this host (its desired-state record).
 *
 * @param commandId the host command that put the container in this state; the agent acts under this id
 * @param running   true: it should run; false: it should exist stopped (or not at all)
 * @param request   the container to create when it is missing; null when the record cannot be carried out
 * @param rejection why the record cannot be carried out (e.g. a secret that cannot be opened); null otherwise
 */
public record Desired(ContainerRef ref, String commandId, boolean running, ContainerRequest request,
                      String rejection) {

    public Desired {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commandId, "commandId");
        if ((request == null) == (rejection == null)) {
            throw new IllegalArgumentException("a desired " + ref.describe()
                    + " needs either a request or a rejection");
        }
    }

    String slot() {
        return ref.stackId() + "/" + ref.containerName();
    }
}
