package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reads the parsed JSON-LD ItemList into a {@link StackDefinition}: the typed half of the parser. */
final class StackReader {

    private static final Set<String> FIELDS = Set.of("@context", "@type", "@id", "name", "description", "location",
            "deployment", "network", "volumes", "itemListElement",
            // schema.org ItemList vocabulary we read past
            "numberOfItems", "itemListOrder");
    private static final Set<String> DEPLOYMENT_FIELDS = Set.of("mode", "placementStrategy", "networkMode",
            "hostConstraints", "update");
    private static final Set<String> UPDATE_FIELDS = Set.of("parallelism", "order", "minHealthy", "deadline",
            "failureAction");
    private static final Map<String, String> DEPLOYMENT_ALIASES = Map.of("strategy", "placementStrategy",
            "constraints", "hostConstraints");
    private static final Set<String> CONSTRAINT_FIELDS = Set.of("containerName", "targetHost", "requiredDatacenter",
            "minCpu", "minMemory", "labels");
    private static final Map<String, String> CONSTRAINT_ALIASES = Map.of("container", "containerName",
            "host", "targetHost", "datacenter", "requiredDatacenter");
    private static final Set<String> VOLUME_FIELDS = Set.of("name", "driver", "createIfNotExists");

    private StackReader() {
    }

    /** {@code root} must be an object. */
    static StackDefinition read(PathValue root) {
        root.checkFields(FIELDS, Map.of());
        PathValue type = root.field("@type");
        String typeName = type.string();
        if (typeName != null && !typeName.equals("ItemList")) {
            type.problem("@type '" + typeName + "' should be 'ItemList': a stack is a schema.org ItemList");
        }
        // Read in the order definitions are usually written, so problems come in that order too.
        String name = root.field("name").string();
        String description = root.field("description").string();
        String location = root.field("location").string();
        Deployment deployment = deployment(root.field("deployment"));
        List<ContainerDefinition> containers = new ArrayList<>();
        List<PathValue> items = root.field("itemListElement").elements();
        for (int i = 0; i < items.size(); i++) {
            containers.add(ContainerReader.read(items.get(i), i));
        }
        return new StackDefinition(name, description, location, deployment, containers,
                root.field("volumes").elements().stream().map(StackReader::volumeName).filter(Objects::nonNull)
                        .toList());
    }

    private static Deployment deployment(PathValue deployment) {
        if (!deployment.expectObject()) {
            return Deployment.DEFAULT;
        }
        deployment.checkFields(DEPLOYMENT_FIELDS, DEPLOYMENT_ALIASES);
        return new Deployment(deployment.field("mode").enumValue(DeploymentMode.class),
                deployment.field("placementStrategy").enumValue(PlacementStrategy.class),
                deployment.field("networkMode").enumValue(NetworkMode.class),
                deployment.field("hostConstraints").elements().stream().map(StackReader::constraint).toList(),
                update(deployment.field("update")));
    }

    /** Durations as a health check's: seconds or text such as "30s"; missing values take the defaults. */
    private static UpdatePolicy update(PathValue update) {
        if (!update.expectObject()) {
            return UpdatePolicy.DEFAULT;
        }
        update.checkFields(UPDATE_FIELDS, Map.of("max_parallel", "parallelism", "auto_revert", "failureAction",
                "failure_action", "failureAction", "min_healthy_time", "minHealthy", "monitor", "minHealthy"));
        Integer parallelism = update.field("parallelism").integer();
        return new UpdatePolicy(parallelism == null ? UpdatePolicy.DEFAULT.parallelism() : parallelism,
                update.field("order").enumValue(UpdatePolicy.Order.class),
                update.field("minHealthy").parsed(Quantities::duration),
                update.field("deadline").parsed(Quantities::duration),
                update.field("failureAction").enumValue(UpdatePolicy.FailureAction.class));
    }

    private static HostConstraint constraint(PathValue constraint) {
        if (!constraint.expectObject()) {
            // An empty stand-in keeps hostConstraints[i] aligned for the validator's paths.
            return new HostConstraint(null, null, null, null, null, null);
        }
        String container = constraint.field("containerName").string();
        PathValue c = constraint.in(container == null ? "hostConstraint" : "hostConstraint for '" + container + "'");
        c.checkFields(CONSTRAINT_FIELDS, CONSTRAINT_ALIASES);
        Map<String, String> labels = new LinkedHashMap<>();
        c.field("labels").members().forEach((key, value) -> {
            String text = value.text();
            if (text != null) {
                labels.put(key, text);
            }
        });
        return new HostConstraint(container, c.field("targetHost").string(), c.field("requiredDatacenter").string(),
                c.field("minCpu").parsed(Quantities::cpuCores), c.field("minMemory").parsed(Quantities::memoryBytes),
                labels);
    }

    /** EVE writes volumes as {"name": ...} objects; a plain name is accepted too. */
    private static String volumeName(PathValue volume) {
        if (volume.isString()) {
            return volume.string();
        }
        if (!volume.expectObject()) {
            return null;
        }
        volume.checkFields(VOLUME_FIELDS, Map.of());
        PathValue name = volume.field("name");
        if (name.isAbsent()) {
            name.problem("volume has no name");
        }
        return name.string();
    }
}
