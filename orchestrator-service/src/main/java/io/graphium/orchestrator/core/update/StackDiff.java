package io.graphium.orchestrator.core.update;

import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.EnvValue;
import io.graphium.orchestrator.core.EnvironmentInjector;
import io.graphium.orchestrator.core.Placement;
import io.graphium.orchestrator.core.PortMapping;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.update.ContainerChange.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The difference between a running revision of a stack and the revision an update would run: per container,
 * unchanged, changed, added or removed, with the reasons. A container is changed when a field Docker cannot change in
 * place differs (image, environment, command, ports, mounts, resources, health check, restart policy), when it moves
 * to another host, or when a value injected from another service's endpoint differs (that service moved or publishes
 * another port), so dependents are recreated with the new values. {@code dependsOn} alone changes only the order.
 * A service that is added or removed does not recreate the others for the {@code NAME_ENDPOINT} variable injected
 * into every container: a container built before the service existed does not use it; an unchanged container keeps
 * the environment it runs with until it is next recreated. A {@code NAME_HOST}-style variable the definition leaves
 * empty for the service to fill in does recreate it: its value changes.
 *
 * @param containers the new revision's containers in definition order, then the removed ones in their old order
 */
public record StackDiff(List<ContainerChange> containers) {

    public StackDiff {
        containers = List.copyOf(containers);
    }

    /** A placed revision: the definition and where each of its containers runs (or would run). */
    public record Revision(StackDefinition definition, Map<String, Placement> placements) {
        public Revision {
            Objects.requireNonNull(definition, "definition");
            placements = Collections.unmodifiableMap(new LinkedHashMap<>(placements));
        }

        Map<String, ContainerDefinition> resolved() {
            return EnvironmentInjector.resolveContainers(definition, placements);
        }

        /** The host {@code container} runs on in this revision; null when it is not placed. */
        public String hostOf(String container) {
            Placement placement = placements.get(container);
            return placement == null ? null : placement.hostId();
        }
    }

    /** What it takes to go from {@code current} to {@code next}. */
    public static StackDiff between(Revision current, Revision next) {
        Map<String, ContainerDefinition> before = current.resolved();
        Map<String, ContainerDefinition> after = next.resolved();
        Map<String, ContainerDefinition> definedBefore = byName(current.definition());
        Map<String, ContainerDefinition> definedAfter = byName(next.definition());
        List<ContainerChange> changes = new ArrayList<>();
        after.forEach((name, resolved) -> {
            if (!before.containsKey(name)) {
                changes.add(new ContainerChange(name, Kind.ADDED, List.of()));
                return;
            }
            List<String> reasons = new ArrayList<>();
            ContainerDefinition was = before.get(name);
            compare(reasons, "image", was.image(), resolved.image(), Function.identity());
            environment(reasons, definedBefore.get(name).environment(), definedAfter.get(name).environment(),
                    was.environment(), resolved.environment(), current, next);
            changed(reasons, "command", was.command(), resolved.command()); // may hold a password: not shown
            compare(reasons, "ports", was.ports(), resolved.ports(), StackDiff::ports);
            changed(reasons, "volume mounts", was.volumeMounts(), resolved.volumeMounts());
            changed(reasons, "resources", was.resources(), resolved.resources());
            changed(reasons, "health check", was.healthCheck(), resolved.healthCheck());
            changed(reasons, "restart policy", was.restartPolicy(), resolved.restartPolicy());
            compare(reasons, "host", current.hostOf(name), next.hostOf(name), Function.identity());
            changes.add(new ContainerChange(name, reasons.isEmpty() ? Kind.UNCHANGED : Kind.CHANGED, reasons));
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(new ContainerChange(name, Kind.REMOVED, List.of())));
        return new StackDiff(changes);
    }

    /** The containers of one kind, in diff order. */
    public List<String> named(Kind kind) {
        return containers.stream().filter(c -> c.kind() == kind).map(ContainerChange::container).toList();
    }

    /** The change of one container; throws when the diff does not name it. */
    public ContainerChange of(String container) {
        return containers.stream().filter(c -> c.container().equals(container)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the diff names no container '" + container + "'"));
    }

    /** Whether the update changes nothing at all. */
    public boolean isEmpty() {
        return containers.stream().allMatch(c -> c.kind() == Kind.UNCHANGED);
    }

    private static void environment(List<String> reasons, Map<String, EnvValue> definedBefore,
                                    Map<String, EnvValue> definedAfter, Map<String, EnvValue> resolvedBefore,
                                    Map<String, EnvValue> resolvedAfter, Revision current, Revision next) {
        Set<String> names = new LinkedHashSet<>(resolvedBefore.keySet());
        names.addAll(resolvedAfter.keySet());
        for (String variable : names) {
            EnvValue was = resolvedBefore.get(variable);
            EnvValue now = resolvedAfter.get(variable);
            if (Objects.equals(was, now)) {
                continue;
            }
            boolean injected = Objects.equals(definedBefore.get(variable), definedAfter.get(variable));
            if (injected && (was == null || now == null) && !definedAfter.containsKey(variable)) {
                continue; // another service's endpoint appears or goes: nothing this container was built with moves
            }
            boolean secret = (was != null && was.secret()) || (now != null && now.secret());
            if (was == null) {
                reasons.add("environment " + variable + " added");
            } else if (now == null) {
                reasons.add("environment " + variable + " removed");
            } else if (secret) {
                reasons.add("environment " + variable + " changed (secret)");
            } else {
                reasons.add("environment " + variable + " " + shown(was) + " -> " + shown(now)
                        + (injected ? movedService(variable, current, next) : ""));
            }
        }
    }

    /** " (postgres moved)" for POSTGRES_ENDPOINT when the value came from postgres's endpoint. */
    private static String movedService(String variable, Revision current, Revision next) {
        for (ContainerDefinition container : next.definition().containers()) {
            if (EnvironmentInjector.injectedNames(container.name()).contains(variable)) {
                String was = current.hostOf(container.name());
                String what = was == null ? " added"
                        : !was.equals(next.hostOf(container.name())) ? " moved" : " endpoint changed";
                return " (" + container.name() + what + ")";
            }
        }
        return "";
    }

    private static String shown(EnvValue value) {
        return value.isEmpty() ? "\"\"" : value.value();
    }

    private static <T> void compare(List<String> reasons, String field, T was, T now, Function<T, String> shown) {
        if (!Objects.equals(was, now)) {
            reasons.add(field + " " + (was == null ? "none" : shown.apply(was)) + " -> "
                    + (now == null ? "none" : shown.apply(now)));
        }
    }

    private static void changed(List<String> reasons, String field, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            reasons.add(field + " changed");
        }
    }

    private static String ports(List<PortMapping> ports) {
        return ports.stream().map(p -> p.hostPort() + ":" + p.containerPort() + "/" + p.protocol().name()
                .toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(",", "[", "]"));
    }

    private static Map<String, ContainerDefinition> byName(StackDefinition definition) {
        Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
        definition.containers().forEach(c -> byName.put(c.name(), c));
        return byName;
    }
}
