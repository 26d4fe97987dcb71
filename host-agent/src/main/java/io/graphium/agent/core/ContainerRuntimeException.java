package io.graphium.agent.core;

/**
 * A container runtime refused or failed an operation. {@link Kind#UNAVAILABLE} means the daemon did not answer
 * (the operation may be retried later); the others are answers.
 */
public class ContainerRuntimeException extends RuntimeException {

    public enum Kind {
        /** The container or image does not exist. */
        NOT_FOUND,
        /** A name or resource conflict, e.g. the container name is taken. */
        CONFLICT,
        /** The daemon did not answer in time or could not be reached. */
        UNAVAILABLE,
        /** Any other refusal or failure the daemon reported. */
        FAILED
    }

    private final Kind kind;

    public ContainerRuntimeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ContainerRuntimeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean unavailable() {
        return kind == Kind.UNAVAILABLE;
    }
}
