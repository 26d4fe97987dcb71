package io.graphium.orchestrator.core;

/** How containers reach each other across hosts; only published host ports for now ("host-port"). */
public enum NetworkMode {
    HOST_PORT
}
