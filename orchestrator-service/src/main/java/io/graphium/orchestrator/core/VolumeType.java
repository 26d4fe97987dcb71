package io.graphium.orchestrator.core;

/** Kind of a volume mount; written "volume" / "bind" / "tmpfs" in definitions. */
public enum VolumeType {
    VOLUME, BIND, TMPFS
}
