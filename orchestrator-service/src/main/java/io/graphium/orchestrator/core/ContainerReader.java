package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one {@code itemListElement} into a {@link ContainerDefinition}; part of {@link StackDefinitionParser}. */
final class ContainerReader {

    private static final Set<String> FIELDS = Set.of("@type", "@id", "position", "name", "image", "ports",
            "environment", "volumeMounts", "healthCheck", "command", "requirements", "softwareRequirements",
            "dependsOn", "resources", "restartPolicy",
            // EVE vocabulary we read past: descriptive, or not supported yet (post-start actions)
            "description", "applicationCategory", "softwareVersion", "potentialAction");
    private static final Map<String, String> COMPOSE_NAMES = Map.of("env", "environment", "volumes", "volumeMounts",
            "cmd", "command", "depends_on", "dependsOn", "restart", "restartPolicy");
    private static final Set<String> PORT_FIELDS = Set.of("containerPort", "hostPort", "protocol");
    private static final Map<String, String> COMPOSE_PORT_NAMES = Map.of("target", "containerPort",
            "published", "hostPort");
    private static final Set<String> SECRET_FIELDS = Set.of("value", "secret");
    private static final Set<String> MOUNT_FIELDS = Set.of("type", "source", "target", "readOnly");
    private static final Set<String> DEPENDENCY_FIELDS = Set.of("@type", "name", "waitForHealthy");
    private static final Set<String> RESOURCE_FIELDS = Set.of("cpu", "memory");
    /** Every field that names dependencies, merged in this order. */
    private static final List<String> DEPENDENCY_LISTS = List.of("requirements", "softwareRequirements", "dependsOn");

    private ContainerReader() {
    }

    static ContainerDefinition read(PathValue item, int index) {
        if (!item.expectObject()) {
            // An empty stand-in keeps containers[i] == itemListElement[i], so validator paths stay right.
            return new ContainerDefinition(null, null, null, null, null, null, null, null, null, null, null);
        }
        String name = item.in(ContainerDefinition.label(null, index)).field("name").string();
        PathValue container = item.in(ContainerDefinition.label(name, index));
        container.checkFields(FIELDS, COMPOSE_NAMES);
        PathValue healthCheck = container.field("healthCheck");
        return new ContainerDefinition(
                name,
                container.field("position").integer(),
                container.field("image").string(),
                container.field("ports").elements().stream().map(ContainerReader::port).toList(),
                environment(container.field("environment")),
                container.field("volumeMounts").elements().stream().map(ContainerReader::mount).toList(),
                healthCheck.expectObject() ? HealthCheckReader.read(healthCheck) : null,
                CommandLine.read(container.field("command")),
                dependencies(container),
                resources(container.field("resources")),
                container.field("restartPolicy").parsed(RestartPolicy::parse));
    }

    private static PortMapping port(PathValue port) {
        if (!port.expectObject()) {
            return new PortMapping(0, 0, null);
        }
        port.checkFields(PORT_FIELDS, COMPOSE_PORT_NAMES);
        PathValue containerPort = port.field("containerPort");
        if (containerPort.isAbsent()) {
            containerPort.problem("containerPort is missing");
        }
        Integer inside = containerPort.integer();
        Integer published = port.field("hostPort").integer();
        return new PortMapping(inside == null ? 0 : inside, published == null ? 0 : published,
                port.field("protocol").enumValue(Protocol.class));
    }

    /** Values are text (numbers and booleans taken as their text) or {"value": ..., "secret": true|false}. */
    private static Map<String, EnvValue> environment(PathValue environment) {
        Map<String, EnvValue> variables = new LinkedHashMap<>();
        environment.members().forEach((name, value) -> {
            boolean secret = EnvNames.looksSecret(name);
            if (value.isObject()) {
                value.checkFields(SECRET_FIELDS, Map.of());
                // An explicit flag wins over the name: "secret": false un-marks e.g. TOKEN_URL.
                secret = value.field("secret").bool(secret);
                value = value.field("value");
            }
            String text = value.text();
            if (text != null || value.isAbsent()) {
                variables.put(name, new EnvValue(text, secret));
            }
        });
        return variables;
    }

    private static VolumeMount mount(PathValue mount) {
        if (!mount.expectObject()) {
            return new VolumeMount(null, null, null, false);
        }
        mount.checkFields(MOUNT_FIELDS, Map.of());
        String source = mount.field("source").string();
        PathValue type = mount.field("type");
        return new VolumeMount(type.isAbsent() ? impliedType(source) : type.enumValue(VolumeType.class), source,
                mount.field("target").string(), mount.field("readOnly").bool(false));
    }

    /** Without a type, a source that looks like a path is a bind mount, anything else a named volume. */
    private static VolumeType impliedType(String source) {
        boolean path = source != null && (source.startsWith("/") || source.startsWith("./")
                || source.startsWith("../") || source.startsWith("~"));
        return path ? VolumeType.BIND : VolumeType.VOLUME;
    }

    /** One list from all dependency fields; a name given twice waits for health if either entry says so. */
    private static List<Dependency> dependencies(PathValue container) {
        Map<String, Boolean> waitForHealthy = new LinkedHashMap<>();
        for (String list : DEPENDENCY_LISTS) {
            for (PathValue element : container.field(list).elements()) {
                Dependency dependency = dependency(element);
                if (dependency != null) {
                    waitForHealthy.merge(dependency.name(), dependency.waitForHealthy(), Boolean::logicalOr);
                }
            }
        }
        List<Dependency> dependencies = new ArrayList<>();
        waitForHealthy.forEach((name, wait) -> dependencies.add(new Dependency(name, wait)));
        return dependencies;
    }

    /** A container name, or {"name": ..., "waitForHealthy": true}. */
    private static Dependency dependency(PathValue element) {
        if (element.isString()) {
            return new Dependency(element.string(), false);
        }
        if (!element.expectObject()) {
            return null;
        }
        element.checkFields(DEPENDENCY_FIELDS, Map.of());
        PathValue name = element.field("name");
        if (name.isAbsent()) {
            name.problem("dependency has no name");
        }
        String container = name.string();
        return container == null ? null : new Dependency(container, element.field("waitForHealthy").bool(false));
    }

    /** cpu in cores (or "500m"), memory in bytes (or "512Mi"); a half left out is 0, meaning no reservation. */
    private static Resources resources(PathValue resources) {
        if (!resources.expectObject()) {
            return null;
        }
        resources.checkFields(RESOURCE_FIELDS, Map.of("mem", "memory"));
        Double cpu = resources.field("cpu").parsed(Quantities::cpuCores);
        Long memory = resources.field("memory").parsed(Quantities::memoryBytes);
        return new Resources(cpu == null ? 0 : cpu, memory == null ? 0 : memory);
    }
}
