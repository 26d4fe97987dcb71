package io.graphium.agent.core;

/**
 * Docker's restart policy for a container. {@link #NONE} by default: the agent, reconciling against the desired
 * state, is what brings a container back, so Docker restarts only when the definition asks for it.
 *
 * @param maxRetries ON_FAILURE only: give up after this many restarts; 0 = no limit
 */
public record RestartPolicy(Mode mode, int maxRetries) {

    public static final RestartPolicy NONE = new RestartPolicy(Mode.NO, 0);

    public enum Mode { NO, ON_FAILURE, ALWAYS, UNLESS_STOPPED }

    public RestartPolicy {
        mode = mode == null ? Mode.NO : mode;
        if (maxRetries < 0) {
            throw new IllegalArgumentException("restart policy maxRetries " + maxRetries + " must not be negative");
        }
    }
}
