package io.graphium.cli;

/** The CLI's exit codes, so scripts can tell outcomes apart. */
public final class ExitCode {

    /** The command did what was asked; for {@code deploy --wait}: the stack is RUNNING. */
    public static final int OK = 0;
    /** The stack FAILED (or stopped) instead of reaching RUNNING. */
    public static final int STACK_FAILED = 1;
    /** Bad command line, unreadable file, invalid stack definition, conflict, unknown stack. */
    public static final int USAGE = 2;
    /** {@code --wait} gave up after {@code --timeout}. */
    public static final int TIMEOUT = 3;
    /** The orchestrator is unreachable or answered something unexpected. */
    public static final int SERVER_ERROR = 4;
    /** HTTP 401: no token, or one the orchestrator does not accept. */
    public static final int UNAUTHENTICATED = 5;
    /** HTTP 403: the token's role may not do this. */
    public static final int FORBIDDEN = 6;

    private ExitCode() {
    }
}
