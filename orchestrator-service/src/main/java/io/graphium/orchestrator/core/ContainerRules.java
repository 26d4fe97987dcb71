package io.graphium.orchestrator.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What each container must get right on its own: name, image, position, variable names, resources, mounts. */
final class ContainerRules implements ValidationRule {

    /** Docker's rule for container names. */
    private static final Pattern DOCKER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        List<ContainerDefinition> containers = definition.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            String path = JsonPaths.container(i);
            String label = ContainerDefinition.label(container.name(), i);
            checkName(container.name(), path, label, problems);
            if (container.image() == null || container.image().isBlank()) {
                problems.add(new Problem(path + ".image", label + " has no image; set image, e.g. \"nginx:1.27\""));
            }
            if (container.position() != null && container.position() < 1) {
                problems.add(new Problem(path + ".position",
                        label + ": position " + container.position() + " must be 1 or more"));
            }
            container.environment().keySet().stream().filter(name -> !EnvNames.isValid(name))
                    .forEach(name -> problems.add(new Problem(JsonPaths.field(path + ".environment", name),
                            label + ": environment variable name '" + name + "' is not valid; use letters, digits "
                                    + "and '_', not starting with a digit")));
            checkResources(container.resources(), path, label, problems);
            for (int m = 0; m < container.volumeMounts().size(); m++) {
                checkMount(container.volumeMounts().get(m), JsonPaths.element(path + ".volumeMounts", m), label,
                        problems);
            }
        }
    }

    private static void checkName(String name, String path, String label, List<Problem> problems) {
        if (name == null || name.isBlank()) {
            problems.add(new Problem(path + ".name", label + " has no name; every container needs one"));
        } else if (!DOCKER_NAME.matcher(name).matches()) {
            problems.add(new Problem(path + ".name", "container name '" + name + "' is not valid for Docker; use "
                    + "2 or more letters, digits, '_', '.' or '-', starting with a letter or digit"));
        }
    }

    private static void checkResources(Resources resources, String path, String label, List<Problem> problems) {
        if (resources == null) {
            return;
        }
        if (resources.cpuCores() < 0) {
            problems.add(new Problem(path + ".resources.cpu", label + ": resources.cpu "
                    + ValidationRule.number(resources.cpuCores()) + " is negative; give the cores to reserve"));
        }
        if (resources.memoryBytes() < 0) {
            problems.add(new Problem(path + ".resources.memory", label + ": resources.memory "
                    + resources.memoryBytes() + " is negative; give the bytes to reserve"));
        }
    }

    private static void checkMount(VolumeMount mount, String path, String label, List<Problem> problems) {
        if (mount.target() == null || mount.target().isBlank()) {
            problems.add(new Problem(path + ".target", label + ": volume mount has no target path"));
        } else if (!mount.target().startsWith("/")) {
            problems.add(new Problem(path + ".target", label + ": volume mount target '" + mount.target()
                    + "' must be an absolute path inside the container"));
        }
        boolean noSource = mount.source() == null || mount.source().isBlank();
        if (noSource && (mount.type() == VolumeType.VOLUME || mount.type() == VolumeType.BIND)) {
            problems.add(new Problem(path + ".source", label + ": a " + mount.type().name().toLowerCase(Locale.ROOT)
                    + " mount needs a source (volume name or host path)"));
        } else if (mount.type() == VolumeType.BIND && !mount.source().startsWith("/")) {
            problems.add(new Problem(path + ".source", label + ": bind mount source '" + mount.source()
                    + "' must be an absolute path on the host"));
        }
    }
}
