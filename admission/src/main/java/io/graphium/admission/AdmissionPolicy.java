package io.graphium.admission;

import java.util.List;
import java.util.Locale;

/**
 * The operator's policy: what a stack definition may ask of a host. Bound from {@code graphium.admission.*} by the
 * orchestrator and by each agent (which re-checks every container it is asked to run).
 *
 * @param hostPaths      host path prefixes bind mounts may use; empty (the default) refuses every bind mount. The
 *                       Docker socket and {@code /} (and any directory holding the socket) need an entry naming
 *                       exactly that path
 * @param registries     registries images may come from ({@code docker.io} for Docker Hub, {@code host:port});
 *                       empty (the default) allows any
 * @param maxContainers  containers per stack; default 50
 * @param maxEnvEntries  environment variables per container; default 100
 * @param maxEnvBytes    total size of a container's environment, UTF-8 {@code NAME=value} bytes; default 65536
 * @param maxLabels      labels per container; default 32
 * @param maxNameLength  characters of a container name; default 63
 */
public record AdmissionPolicy(List<AllowedPath> hostPaths, List<String> registries, Integer maxContainers,
                              Integer maxEnvEntries, Integer maxEnvBytes, Integer maxLabels, Integer maxNameLength) {

    /** Label keys under this prefix are Graphium's own (ownership labels); a definition may not set them. */
    public static final String RESERVED_LABEL_PREFIX = "io.graphium.";
    public static final AdmissionPolicy DEFAULTS = new AdmissionPolicy(null, null, null, null, null, null, null);

    public AdmissionPolicy {
        hostPaths = hostPaths == null ? List.of() : List.copyOf(hostPaths);
        registries = registries == null ? List.of()
                : registries.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).toList();
        maxContainers = positive(maxContainers, 50, "max-containers");
        maxEnvEntries = positive(maxEnvEntries, 100, "max-env-entries");
        maxEnvBytes = positive(maxEnvBytes, 64 * 1024, "max-env-bytes");
        maxLabels = positive(maxLabels, 32, "max-labels");
        maxNameLength = positive(maxNameLength, 63, "max-name-length");
    }

    /**
     * {@code graphium.admission.host-paths[i].*}: one allowed host path prefix.
     *
     * @param prefix   absolute host path; matches itself and what is below it, on path-component boundaries
     * @param readOnly true: bind mounts under it must be read-only
     */
    public record AllowedPath(String prefix, boolean readOnly) {

        public AllowedPath {
            prefix = HostPath.of(prefix == null ? "" : prefix.strip()).value(); // fails early on a relative prefix
        }

        HostPath path() {
            return new HostPath(prefix);
        }
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("graphium.admission." + name + " must be 1 or more, not " + value);
        }
        return value;
    }
}
