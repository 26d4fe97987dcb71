package io.graphium.cli;

/** Ends a command with a one-line error on stderr and a given exit code, without a stack trace or usage text. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
