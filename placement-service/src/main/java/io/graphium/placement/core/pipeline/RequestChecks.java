package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.PortMapping;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The request rules of the strategies. Each names the container at fault. */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** Every request: unique container names, valid and non-repeated host ports, no negative resources. */
    public static RequestCheck wellFormed() {
        return request -> {
            Set<String> names = new HashSet<>();
            for (ContainerDemand container : request.containers()) {
                if (!names.add(container.name())) {
                    return Optional.of("container '" + container.name() + "' appears twice in the request");
                }
                Optional<String> problem = portProblem(container).or(() -> resourceProblem(container));
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        };
    }

    /** Manual placement: every container names its host. */
    public static RequestCheck targetHostForEveryContainer() {
        return request -> request.containers().stream()
                .filter(container -> container.constraint().targetHost() == null)
                .findFirst()
                .map(container -> "manual placement needs a hostConstraint with a targetHost for container '"
                        + container.name() + "'");
    }

    /** Datacenter placement: the stack says which datacenter. */
    public static RequestCheck locationGiven() {
        return request -> request.location() == null || request.location().isBlank()
                ? Optional.of("datacenter placement needs the stack's location")
                : Optional.empty();
    }

    private static Optional<String> portProblem(ContainerDemand container) {
        Set<Integer> published = new HashSet<>();
        for (PortMapping port : container.ports()) {
            if (port.hostPort() < 0 || port.hostPort() > HostPort.MAX_PORT) {
                return Optional.of("container '" + container.name() + "' publishes invalid host port "
                        + port.hostPort());
            }
            if (port.isPublished() && !published.add(port.hostSide().key())) {
                return Optional.of("container '" + container.name() + "' publishes host port " + port.hostSide()
                        + " twice");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resourceProblem(ContainerDemand container) {
        return container.resources() == null || container.resources().isValid()
                ? Optional.empty()
                : Optional.of("container '" + container.name() + "' asks for negative resources");
    }
}
