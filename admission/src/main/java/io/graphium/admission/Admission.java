package io.graphium.admission;

import io.graphium.admission.AdmissionPolicy.AllowedPath;
import io.graphium.admission.ContainerSpec.MountSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applies an {@link AdmissionPolicy}: every violation at once, each naming the container, the field and why. The
 * orchestrator checks whole stacks with the lexical resolver; an agent checks each container it is asked to run
 * with symbolic links resolved on its own host.
 */
public final class Admission {

    /** Paths that hand over the host: the Docker socket (root on the host) and the whole file system. */
    public static final List<HostPath> SENSITIVE = List.of(HostPath.ROOT, HostPath.of("/var/run/docker.sock"),
            HostPath.of("/run/docker.sock"));
    /** Docker's recommended label key form: lower-case letters, digits, '.' and '-', starting and ending alphanumeric. */
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,126}[a-z0-9])?");

    private final AdmissionPolicy policy;
    private final HostPathResolver resolver;

    public Admission(AdmissionPolicy policy, HostPathResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public AdmissionPolicy policy() {
        return policy;
    }

    /** Every violation of a whole stack: its size, then each container. */
    public List<Violation> checkStack(List<ContainerSpec> containers) {
        List<Violation> violations = new ArrayList<>(checkStackSize(containers.size()));
        containers.forEach(container -> violations.addAll(checkContainer(container)));
        return List.copyOf(violations);
    }

    /** The number of containers of a stack against the limit. */
    public List<Violation> checkStackSize(int containers) {
        return containers <= policy.maxContainers() ? List.of() : List.of(new Violation(null, "containers",
                "the stack has " + containers + " containers; the policy allows at most " + policy.maxContainers()
                        + " (graphium.admission.max-containers)"));
    }

    /** Every violation of one container. */
    public List<Violation> checkContainer(ContainerSpec container) {
        List<Violation> violations = new ArrayList<>();
        String name = container.name();
        if (name != null && name.length() > policy.maxNameLength()) {
            violations.add(new Violation(name, "name", "the name is " + name.length() + " characters long; the "
                    + "policy allows at most " + policy.maxNameLength() + " (graphium.admission.max-name-length)"));
        }
        checkImage(container, violations);
        for (int i = 0; i < container.mounts().size(); i++) {
            checkMount(name, "volumeMounts[" + i + "]", container.mounts().get(i), violations);
        }
        checkEnvironment(name, container.environment(), violations);
        checkLabels(name, container.labels(), violations);
        return List.copyOf(violations);
    }

    private void checkImage(ContainerSpec container, List<Violation> violations) {
        if (container.image() == null || container.image().isBlank()) {
            return; // the definition's validation says "no image"
        }
        ImageReference image;
        try {
            image = ImageReference.parse(container.image());
        } catch (ImageReference.InvalidImageReference e) {
            violations.add(new Violation(container.name(), "image", e.getMessage()));
            return;
        }
        if (!policy.registries().isEmpty() && !policy.registries().contains(image.registry())) {
            violations.add(new Violation(container.name(), "image", "image '" + container.image() + "' is from "
                    + "registry " + image.registry() + ", which the policy does not allow; allowed: "
                    + String.join(", ", policy.registries()) + " (graphium.admission.registries)"));
        }
    }

    private void checkMount(String container, String field, MountSpec mount, List<Violation> violations) {
        if (mount.type() != MountSpec.Type.BIND) {
            return;
        }
        String source = field + ".source";
        HostPath written;
        try {
            written = HostPath.of(mount.source());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(container, source, "bind mount source: " + e.getMessage()));
            return;
        }
        HostPath real = resolver.resolve(written);
        String shown = "'" + mount.source() + "'" + (real.equals(written) ? ""
                : " (which resolves to '" + real + "')");
        Optional<HostPath> exposed = SENSITIVE.stream().filter(s -> s.isWithin(real)).findFirst();
        if (exposed.isPresent() && policy.hostPaths().stream().noneMatch(a -> a.path().equals(real))) {
            violations.add(new Violation(container, source, "bind mount of host path " + shown + " is refused: "
                    + (exposed.get().equals(HostPath.ROOT) ? "it is the host's whole file system"
                    : "it exposes the Docker socket " + exposed.get() + ", which is root on the host")
                    + "; it is never allowed unless graphium.admission.host-paths names '" + real + "' itself"));
            return;
        }
        Optional<AllowedPath> allowed = policy.hostPaths().stream().filter(a -> real.isWithin(a.path()))
                .max(Comparator.comparingInt(a -> a.prefix().length()));
        if (allowed.isEmpty()) {
            violations.add(new Violation(container, source, "bind mount of host path " + shown + " is refused: "
                    + (policy.hostPaths().isEmpty() ? "the policy allows no host paths (bind mounts are refused by "
                    + "default; use a named volume, or ask the operator to allow a prefix in "
                    + "graphium.admission.host-paths)" : "it is not under an allowed prefix ("
                    + policy.hostPaths().stream().map(AllowedPath::prefix).collect(Collectors.joining(", "))
                    + ")")));
        } else if (allowed.get().readOnly() && !mount.readOnly()) {
            violations.add(new Violation(container, field + ".readOnly", "bind mount of host path " + shown
                    + " must be read-only: the policy allows " + allowed.get().prefix() + " read-only; set "
                    + "\"readOnly\": true"));
        }
    }

    private void checkEnvironment(String container, Map<String, String> environment, List<Violation> violations) {
        if (environment.size() > policy.maxEnvEntries()) {
            violations.add(new Violation(container, "environment", "it has " + environment.size()
                    + " environment variables; the policy allows at most " + policy.maxEnvEntries()
                    + " (graphium.admission.max-env-entries)"));
        }
        long bytes = environment.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + 1 + utf8(e.getValue())).sum();
        if (bytes > policy.maxEnvBytes()) {
            violations.add(new Violation(container, "environment", "its environment is " + bytes + " bytes; the "
                    + "policy allows at most " + policy.maxEnvBytes() + " (graphium.admission.max-env-bytes)"));
        }
    }

    private void checkLabels(String container, Map<String, String> labels, List<Violation> violations) {
        if (labels.size() > policy.maxLabels()) {
            violations.add(new Violation(container, "labels", "it has " + labels.size() + " labels; the policy "
                    + "allows at most " + policy.maxLabels() + " (graphium.admission.max-labels)"));
        }
        for (String key : Set.copyOf(labels.keySet()).stream().sorted().toList()) {
            String field = "labels['" + key + "']";
            if (key.startsWith(AdmissionPolicy.RESERVED_LABEL_PREFIX)) {
                violations.add(new Violation(container, field, "label keys starting with '"
                        + AdmissionPolicy.RESERVED_LABEL_PREFIX + "' are reserved for Graphium's ownership labels"));
            } else if (!LABEL_KEY.matcher(key).matches()) {
                violations.add(new Violation(container, field, "label key '" + key + "' is not valid: 1-128 lower-"
                        + "case letters, digits, '.' and '-', starting and ending with a letter or digit"));
            }
        }
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
