package io.graphium.orchestrator.core.lifecycle;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test stacks for the lifecycle: a stack with dependency waves across three hosts. */
final class Stacks {

    /** db (health check) and cache first; api once db is healthy and cache runs; web once api is healthy. */
    static final StackDefinition WAVES = StackDefinitionParser.parse("""
            {"name": "waves", "itemListElement": [
              {"name": "db", "image": "db:1", "ports": [{"containerPort": 5432, "hostPort": 5432}],
               "healthCheck": {"type": "command", "command": ["pg_isready"]}},
              {"name": "cache", "image": "cache:1", "ports": [{"containerPort": 6379, "hostPort": 6379}]},
              {"name": "api", "image": "api:1", "ports": [{"containerPort": 3000, "hostPort": 3000}],
               "environment": {"DB_ENDPOINT": ""},
               "dependsOn": [{"name": "db", "waitForHealthy": true}, "cache"],
               "healthCheck": {"type": "http", "path": "/health", "port": 3000}},
              {"name": "web", "image": "web:1", "ports": [{"containerPort": 80, "hostPort": 8080}],
               "dependsOn": [{"name": "api", "waitForHealthy": true}]}
            ]}""").definition();

    private static final String[] HOSTS = {"h1", "h3", "h2", "h3"};

    private Stacks() {
    }

    static Transition deployRequested(StackDefinition definition, StackLifecycle.DeployOptions options) {
        return StackLifecycle.deployRequested("c1", "waves", definition, List.of(), options, StackLifecycleTest.T0,
                null);
    }

    /** db on h1, cache on h3, api on h2, web on h3; host hK has address 10.0.0.1K. */
    static Map<String, Placement> placements(StackDefinition definition) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        List<ContainerDefinition> containers = definition.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition c = containers.get(i);
            String host = HOSTS[i % HOSTS.length];
            placements.put(c.name(), new Placement(host, "10.0.0.1" + host.substring(1), c.ports().stream()
                    .map(p -> new PortMapping(p.containerPort(), p.hostPort(), p.protocol())).toList()));
        }
        return placements;
    }
}
