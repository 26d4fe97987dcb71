package io.graphium.agent.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The little the agent needs from a container engine. Every call has a deadline; every failure is a
 * {@link ContainerRuntimeException} (UNAVAILABLE when the engine did not answer). Operations that find their work
 * already done (start a running container, stop a stopped one, remove a missing one) succeed quietly.
 */
public interface ContainerRuntime {

    /** CPUs, memory and engine version of the host. */
    HostFacts hostFacts();

    /** Everything on the host, in one look: managed containers (found by label), ports bound by any container. */
    HostObservation observe();

    /** The managed containers of one stack slot (same stack and container name, any deployment), by label. */
    List<ManagedContainer> findSlot(String stackId, String containerName);

    boolean hasImage(String image);

    /** Pulls {@code image}, giving up after {@code timeout}, telling {@code progress} about each layer. */
    void pullImage(String image, Duration timeout, PullProgress progress);

    /**
     * Creates the named volume with {@code labels} when it does not exist yet; an existing volume (e.g. one an
     * operator made) is left as it is, without our labels, so it is never removed by the agent.
     */
    void createVolume(String name, Map<String, String> labels);

    /** The names of the volumes carrying all of {@code labels}. */
    List<String> volumes(Map<String, String> labels);

    /** Removes the volume; nothing when it is gone; CONFLICT when a container still uses it. */
    void removeVolume(String name);

    /** Creates (does not start) the container with exactly {@code labels}; returns its id. */
    String create(ContainerRequest request, Map<String, String> labels);

    void start(String dockerId);

    /** Stops gracefully: the signal, then a kill after {@code grace}. */
    void stop(String dockerId, Duration grace);

    /** Removes the container (forcefully if it runs), and its anonymous volumes when asked. */
    void remove(String dockerId, boolean removeVolumes);

    /** The container's details, empty when it does not exist. */
    Optional<ContainerInspection> inspect(String dockerId);

    /** The last {@code count} lines of its output (stdout and stderr); empty when there are none or on error. */
    List<String> lastLogLines(String dockerId, int count);
}
