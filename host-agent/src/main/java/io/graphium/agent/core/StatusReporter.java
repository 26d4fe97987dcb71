package io.graphium.agent.core;

/**
 * Where status changes go (the Kafka adapter publishes them). {@link #report} returns once the change is safely
 * recorded, so that a command is acknowledged only after its outcome has been told.
 */
@FunctionalInterface
public interface StatusReporter {

    void report(StatusChange change);
}
