package io.graphium.agent.core;

/** Probes the HTTP and TCP health checks of running containers (Docker runs COMMAND checks itself). */
public interface HealthProbes {

    /** Starts probing {@code dockerId} (again from STARTING); a container already probed is left as it is. */
    void watch(ContainerRef ref, String dockerId, HealthCheck check);

    /** Stops probing {@code dockerId}; nothing when it is not probed. */
    void unwatch(String dockerId);

    HealthProbes NONE = new HealthProbes() {
        @Override
        public void watch(ContainerRef ref, String dockerId, HealthCheck check) {
        }

        @Override
        public void unwatch(String dockerId) {
        }
    };
}
