package io.graphium.agent.core;

/**
 * A volume mount of a container.
 *
 * @param source volume name (VOLUME) or host path (BIND); null for TMPFS
 * @param target absolute path inside the container
 */
public record Mount(Type type, String source, String target, boolean readOnly) {

    public enum Type { VOLUME, BIND, TMPFS }

    public Mount {
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("mount target '" + target + "' must be an absolute path");
        }
        if (type != Type.TMPFS && (source == null || source.isBlank())) {
            throw new IllegalArgumentException("a " + type + " mount at " + target + " needs a source");
        }
    }
}
