package io.graphium.orchestrator.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the placement strategy needs (manual: a target host for every container; datacenter: a location), and host
 * constraints that name real containers, once each, with sane minimums; an update policy within its limits.
 */
final class DeploymentRules implements ValidationRule {

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        PlacementStrategy strategy = definition.deployment().strategy();
        if (strategy == PlacementStrategy.DATACENTER
                && (definition.location() == null || definition.location().isBlank())) {
            problems.add(new Problem("$.location", "placementStrategy datacenter needs a location: the datacenter "
                    + "to deploy into"));
        }
        Set<String> containers = definition.containers().stream().map(ContainerDefinition::name)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, Integer> constrained = new HashMap<>();
        List<HostConstraint> constraints = definition.deployment().hostConstraints();
        for (int i = 0; i < constraints.size(); i++) {
            HostConstraint constraint = constraints.get(i);
            String path = JsonPaths.constraint(i);
            String name = constraint.containerName();
            if (name == null || name.isBlank()) {
                problems.add(new Problem(path + ".containerName", "hostConstraint has no containerName; say which "
                        + "container it constrains"));
                continue;
            }
            if (!containers.contains(name)) {
                problems.add(new Problem(path + ".containerName", "hostConstraint names container '" + name
                        + "', which is not a container of this stack"));
            }
            Integer first = constrained.putIfAbsent(name, i);
            if (first != null) {
                problems.add(new Problem(path + ".containerName", "container '" + name + "' already has a "
                        + "hostConstraint at hostConstraints[" + first + "]; put all its requirements in one"));
            }
            if (strategy == PlacementStrategy.MANUAL && (constraint.targetHost() == null
                    || constraint.targetHost().isBlank())) {
                problems.add(new Problem(path + ".targetHost", "placementStrategy manual needs a targetHost in the "
                        + "hostConstraint for container '" + name + "'"));
            }
            checkMinimums(constraint, path, problems);
        }
        checkUpdate(definition.deployment().update(), problems);
        if (strategy == PlacementStrategy.MANUAL) {
            definition.containers().stream().map(ContainerDefinition::name)
                    .filter(name -> name != null && !constrained.containsKey(name))
                    .forEach(name -> problems.add(new Problem("$.deployment.hostConstraints", "placementStrategy "
                            + "manual needs a hostConstraint with a targetHost for container '" + name + "'")));
        }
    }

    private static void checkUpdate(UpdatePolicy update, List<Problem> problems) {
        String path = "$.deployment.update";
        if (update.parallelism() < 1) {
            problems.add(new Problem(path + ".parallelism", "update parallelism " + update.parallelism()
                    + " must be at least 1: how many containers are replaced at a time"));
        }
        if (update.minHealthy().isNegative()) {
            problems.add(new Problem(path + ".minHealthy", "update minHealthy " + update.minHealthy().toSeconds()
                    + " s is negative"));
        }
        if (update.deadline().isNegative() || update.deadline().isZero()) {
            problems.add(new Problem(path + ".deadline", "update deadline must be positive: how long the update may "
                    + "take before its failureAction applies"));
        }
    }

    private static void checkMinimums(HostConstraint constraint, String path, List<Problem> problems) {
        String label = "hostConstraint for '" + constraint.containerName() + "'";
        if (constraint.minCpu() != null && constraint.minCpu() < 0) {
            problems.add(new Problem(path + ".minCpu", label + ": minCpu "
                    + ValidationRule.number(constraint.minCpu()) + " is negative"));
        }
        if (constraint.minMemory() != null && constraint.minMemory() < 0) {
            problems.add(new Problem(path + ".minMemory", label + ": minMemory " + constraint.minMemory()
                    + " is negative"));
        }
    }
}
