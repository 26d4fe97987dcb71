package io.graphium.orchestrator.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each service of a placed stack can be reached from any host (host-port networking): its host's IP and the
 * host port of its <em>first</em> published port, in the order the ports are listed; a service that publishes
 * several ports is reached through {@code {NAME}_HOST} plus its own port variables for the others. Containers that
 * publish nothing (hostPort 0 only) or have no placement have no endpoint.
 *
 * @param byService endpoints by container name, in definition order
 */
public record ServiceEndpoints(Map<String, Endpoint> byService) {

    public ServiceEndpoints {
        byService = Immutable.map(byService);
    }

    public static ServiceEndpoints of(StackDefinition definition, Map<String, Placement> placements) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containers()) {
            Placement placement = container.name() == null ? null : placements.get(container.name());
            if (placement != null) {
                placement.ports().stream().filter(PortMapping::isPublished).findFirst().ifPresent(port ->
                        endpoints.put(container.name(), new Endpoint(placement.hostIp(), port.hostPort())));
            }
        }
        return new ServiceEndpoints(endpoints);
    }

    /** {@code name -> "hostIp:hostPort"}, as the deployment status shows them. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        byService.forEach((service, endpoint) -> addresses.put(service, endpoint.address()));
        return Immutable.map(addresses);
    }
}
