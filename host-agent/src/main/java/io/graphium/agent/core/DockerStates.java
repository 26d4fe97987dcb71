package io.graphium.agent.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Docker's words for container state and health (plain strings, so no docker-java type is needed here).
 * Docker states: created, running, paused, restarting, removing, exited, dead.
 */
public final class DockerStates {

    private static final Pattern EXIT_CODE = Pattern.compile("^Exited \\((-?\\d+)\\)");

    private DockerStates() {
    }

    /**
     * The agent's state for Docker's {@code State.Status}. "exited" is EXITED: only the agent knows that it stopped
     * a container itself (then it reports STOPPED). "restarting" means it exited and Docker is bringing it back.
     */
    public static ContainerStatus status(String dockerState) {
        if (dockerState == null) {
            return ContainerStatus.UNKNOWN;
        }
        return switch (dockerState.toLowerCase(Locale.ROOT)) {
            case "created" -> ContainerStatus.CREATED;
            case "running" -> ContainerStatus.RUNNING;
            case "paused" -> ContainerStatus.STOPPED;
            case "restarting", "exited" -> ContainerStatus.EXITED;
            case "removing" -> ContainerStatus.REMOVED;
            case "dead" -> ContainerStatus.FAILED;
            default -> ContainerStatus.UNKNOWN;
        };
    }

    /** Health from Docker's {@code State.Health.Status} (starting, healthy, unhealthy); NONE without a check. */
    public static Health health(String dockerHealth) {
        if (dockerHealth == null || dockerHealth.isBlank()) {
            return Health.NONE;
        }
        return switch (dockerHealth.toLowerCase(Locale.ROOT)) {
            case "starting" -> Health.STARTING;
            case "healthy" -> Health.HEALTHY;
            case "unhealthy" -> Health.UNHEALTHY;
            default -> Health.NONE;
        };
    }

    /** Health from the status text of a container list entry, e.g. "Up 3 minutes (healthy)". */
    public static Health healthFromStatusText(String statusText) {
        if (statusText == null) {
            return Health.NONE;
        }
        if (statusText.contains("(health: starting)")) {
            return Health.STARTING;
        }
        if (statusText.contains("(unhealthy)")) {
            return Health.UNHEALTHY;
        }
        return statusText.contains("(healthy)") ? Health.HEALTHY : Health.NONE;
    }

    /** The exit code in the status text of a container list entry, e.g. 137 in "Exited (137) 5 seconds ago". */
    public static Integer exitCodeFromStatusText(String statusText) {
        if (statusText == null) {
            return null;
        }
        Matcher matcher = EXIT_CODE.matcher(statusText.strip());
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }
}
