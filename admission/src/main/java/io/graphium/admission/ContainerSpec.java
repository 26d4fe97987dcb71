package io.graphium.admission;

import java.util.List;
import java.util.Map;

/**
 * What the policy looks at in one container, however it arrived (a REST definition, a Kafka command, a
 * DeployContainer at an agent). Missing values are allowed here: the definition's own validation reports them.
 *
 * @param name        container name
 * @param image       image reference as written
 * @param mounts      mounts in definition order (index i is {@code volumeMounts[i]})
 * @param environment variable name to value (sealed values: their sealed text)
 * @param labels      container labels; empty when the source has none
 */
public record ContainerSpec(String name, String image, List<MountSpec> mounts, Map<String, String> environment,
                            Map<String, String> labels) {

    public ContainerSpec {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        environment = environment == null ? Map.of() : environment;
        labels = labels == null ? Map.of() : labels;
    }

    /** One mount: {@code source} is a host path for BIND, a volume name for VOLUME, null for TMPFS. */
    public record MountSpec(Type type, String source, String target, boolean readOnly) {
        public enum Type { BIND, VOLUME, TMPFS }
    }
}
