package io.graphium.orchestrator.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Ports in range, and each published host port (with its protocol) used once in the stack. */
final class PortRules implements ValidationRule {

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        Map<String, String> publishedBy = new HashMap<>();
        List<ContainerDefinition> containers = definition.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            String label = ContainerDefinition.label(container.name(), i);
            for (int p = 0; p < container.ports().size(); p++) {
                PortMapping port = container.ports().get(p);
                String path = JsonPaths.element(JsonPaths.container(i) + ".ports", p);
                if (port.containerPort() < 1 || port.containerPort() > 65535) {
                    problems.add(new Problem(path + ".containerPort", label + ": containerPort "
                            + port.containerPort() + " is out of range; use 1-65535"));
                }
                if (port.hostPort() < 0 || port.hostPort() > 65535) {
                    problems.add(new Problem(path + ".hostPort", label + ": hostPort " + port.hostPort()
                            + " is out of range; use 1-65535, or 0 to leave the port unpublished"));
                } else if (port.isPublished()) {
                    // Placement may put every container on one host, so two of them can never share a host port.
                    String hostPort = port.hostPort() + "/" + port.protocol().name().toLowerCase(Locale.ROOT);
                    String first = publishedBy.putIfAbsent(hostPort, label);
                    if (first != null) {
                        problems.add(new Problem(path + ".hostPort", label + ": hostPort " + hostPort
                                + " is already published by " + first + "; each published port must be unique "
                                + "within the stack"));
                    }
                }
            }
        }
    }
}
