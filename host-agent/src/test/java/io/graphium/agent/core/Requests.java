package io.graphium.agent.core;

import java.util.List;
import java.util.Map;

/** Test requests. */
final class Requests {

    static final ContainerRef WEB = new ContainerRef("shop", "d-1", "web");

    private Requests() {
    }

    static ContainerRequest web(ContainerRef ref, String commandId) {
        return request(ref, commandId, "graphium/busybox:1");
    }

    static ContainerRequest request(ContainerRef ref, String commandId, String image) {
        return new ContainerRequest(ref, commandId, ref.stackId() + "-" + ref.containerName(), image,
                List.of(new PortBinding(8080, 18080, Protocol.TCP)), Map.of("GREETING", "hello"), List.of(),
                List.of("httpd", "-f", "-p", "8080"), 0.5, 64L << 20, Map.of("team", "shop"));
    }
}
