package io.graphium.cli.api;

/**
 * The orchestrator could not be reached or answered something the CLI does not expect. The message names the URL
 * and what came back, because that is what the user needs to fix it.
 */
public class ApiException extends RuntimeException {

    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
