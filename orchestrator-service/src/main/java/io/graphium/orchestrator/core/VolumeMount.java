package io.graphium.orchestrator.core;

/**
 * A mount into a container.
 *
 * @param source volume name or absolute host path; null for tmpfs
 * @param target absolute path inside the container
 */
public record VolumeMount(VolumeType type, String source, String target, boolean readOnly) {
}
