package io.graphium.orchestrator.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves each container's environment for cross-host connections (spec, "Environment Variable Injection"). For
 * every <em>other</em> service with an endpoint, {@code NAME} being its name upper-cased with '-' and '.' as '_':
 * <ul>
 *   <li>{@code NAME_ENDPOINT=hostIp:hostPort} is added after the container's own variables;</li>
 *   <li>an empty {@code NAME_HOST}, {@code NAME_PORT} or {@code NAME_ENDPOINT} of the definition is filled with the
 *       host IP, host port or both;</li>
 *   <li>a value the user set is never overwritten, and secret stays secret.</li>
 * </ul>
 * The order is deterministic: the container's variables as defined, then endpoints in definition order.
 */
public final class EnvironmentInjector {

    private static final String ENDPOINT = "_ENDPOINT";

    private EnvironmentInjector() {
    }

    /** Every container's resolved environment, by container name in definition order. */
    public static Map<String, Map<String, EnvValue>> resolve(StackDefinition definition,
                                                             Map<String, Placement> placements) {
        ServiceEndpoints endpoints = ServiceEndpoints.of(definition, placements);
        Map<String, Map<String, EnvValue>> environments = new LinkedHashMap<>();
        definition.containers().forEach(container -> environments.put(container.name(),
                resolve(container, endpoints)));
        return Immutable.map(environments);
    }

    /** Every container, by name in definition order, with its environment resolved: what a host is sent. */
    public static Map<String, ContainerDefinition> resolveContainers(StackDefinition definition,
                                                                     Map<String, Placement> placements) {
        ServiceEndpoints endpoints = ServiceEndpoints.of(definition, placements);
        Map<String, ContainerDefinition> containers = new LinkedHashMap<>();
        definition.containers().forEach(container -> containers.put(container.name(),
                container.withEnvironment(resolve(container, endpoints))));
        return Immutable.map(containers);
    }

    /** The variables {@code service}'s endpoint fills in: {@code NAME_ENDPOINT}, {@code NAME_HOST}, {@code NAME_PORT}. */
    public static List<String> injectedNames(String service) {
        String prefix = EnvNames.prefixOf(service);
        return List.of(prefix + ENDPOINT, prefix + "_HOST", prefix + "_PORT");
    }

    /** One container's environment, given the stack's endpoints. */
    public static Map<String, EnvValue> resolve(ContainerDefinition container, ServiceEndpoints endpoints) {
        Map<String, String> offered = new LinkedHashMap<>();
        endpoints.byService().forEach((service, endpoint) -> {
            if (!service.equals(container.name())) {
                List<String> names = injectedNames(service);
                offered.put(names.get(0), endpoint.address());
                offered.put(names.get(1), endpoint.host());
                offered.put(names.get(2), Integer.toString(endpoint.port()));
            }
        });
        Map<String, EnvValue> environment = new LinkedHashMap<>();
        container.environment().forEach((name, value) -> environment.put(name,
                value.isEmpty() && offered.containsKey(name) ? new EnvValue(offered.get(name), value.secret())
                        : value));
        offered.forEach((name, address) -> {
            if (name.endsWith(ENDPOINT)) {
                environment.putIfAbsent(name, EnvValue.plain(address));
            }
        });
        return Immutable.map(environment);
    }
}
