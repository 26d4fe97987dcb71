package io.graphium.agent.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reporter every status goes through, remembering the last state and health reported per container. Answers
 * to commands are always reported; what the agent observes by itself (Docker events, health probes) only when it
 * differs from what was last said, so a command's own effects are not reported twice.
 */
public final class ReportedStates implements StatusReporter {

    private record Said(ContainerStatus status, Health health) {
    }

    private final StatusReporter out;
    private final Map<String, Said> lastById = new ConcurrentHashMap<>();

    public ReportedStates(StatusReporter out) {
        this.out = out;
    }

    @Override
    public void report(StatusChange change) {
        out.report(change);
        remember(change);
    }

    /** Reports an observed change (no command) unless it is what was last said about the container. */
    public void reportObserved(StatusChange change) {
        if (change.dockerId() != null
                && new Said(change.status(), change.health()).equals(lastById.get(change.dockerId()))) {
            return;
        }
        report(change);
    }

    private void remember(StatusChange change) {
        if (change.dockerId() != null && change.status() != ContainerStatus.FAILED) {
            lastById.put(change.dockerId(), new Said(change.status(), change.health()));
        }
    }
}
