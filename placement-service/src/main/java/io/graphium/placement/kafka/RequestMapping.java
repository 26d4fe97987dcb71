package io.graphium.placement.kafka;

import io.graphium.events.PlacementRequested;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.Resources;
import io.graphium.placement.core.model.StrategyKind;

/** A {@link PlacementRequested} (Avro) to the core's {@link PlacementRequest}. */
final class RequestMapping {

    private RequestMapping() {
    }

    static PlacementRequest request(PlacementRequested event) {
        return new PlacementRequest(event.getStackId(), event.getDeploymentId(),
                StrategyKind.valueOf(event.getStrategy().name()), event.getLocation(),
                event.getContainers().stream().map(RequestMapping::container).toList(), event.getDryRun());
    }

    private static ContainerDemand container(io.graphium.events.ContainerDemand container) {
        return new ContainerDemand(container.getContainerName(),
                container.getPorts().stream().map(RequestMapping::port).toList(),
                container.getResources() == null ? null : new Resources(container.getResources().getCpuCores(),
                        container.getResources().getMemoryBytes()),
                constraint(container.getConstraint()));
    }

    static PortMapping port(io.graphium.events.PortMapping port) {
        return new PortMapping(port.getContainerPort(), port.getHostPort(),
                Protocol.valueOf(port.getProtocol().name()));
    }

    private static HostConstraint constraint(io.graphium.events.HostConstraint constraint) {
        return constraint == null ? HostConstraint.NONE : new HostConstraint(constraint.getTargetHost(),
                constraint.getRequiredDatacenter(), constraint.getMinCpu(), constraint.getMinMemory(),
                constraint.getLabels());
    }
}
