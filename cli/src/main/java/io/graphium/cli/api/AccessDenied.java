package io.graphium.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator refused the caller: 401 (no token, or one it does not accept) or 403 (the token's role may not do
 * this). Each has its own exit code and says what to do.
 */
public final class AccessDenied extends ApiException {

    private final int status;

    private AccessDenied(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static AccessDenied of(String call, HttpResponse<?> response, boolean sentToken) {
        String detail = detail(response.body());
        if (response.statusCode() == 401) {
            return new AccessDenied(401, call + " answered HTTP 401: " + (sentToken
                    ? "the orchestrator does not accept this token (unknown, expired or mistyped)"
                    : "the orchestrator needs a token") + "; give one with --token, --token-file, GRAPHIUM_TOKEN or "
                    + "GRAPHIUM_TOKEN_FILE (bin/graphium-dev up prints where its admin token is)");
        }
        return new AccessDenied(403, call + " answered HTTP 403: this token's role may not do this"
                + (detail.isEmpty() ? "" : " (" + detail + ")") + "; use a token with that role");
    }

    private static String detail(Object body) {
        try {
            String text = body instanceof String s ? s : body instanceof InputStream in
                    ? new String(in.readNBytes(4096), StandardCharsets.UTF_8) : "";
            if (body instanceof InputStream in) {
                in.close();
            }
            JsonNode json = Json.MAPPER.readTree(text);
            return json != null && json.hasNonNull("detail") ? json.get("detail").asString() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
