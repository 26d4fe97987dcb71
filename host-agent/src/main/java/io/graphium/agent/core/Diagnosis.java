package io.graphium.agent.core;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One readable sentence for each way a container can fail on a host; these become the {@code message} of FAILED
 * status events, so an operator reads why without opening the host.
 */
public final class Diagnosis {

    /** How many log lines a failure quotes. */
    public static final int LOG_LINES = 10;

    // "Bind for 0.0.0.0:8080 failed: port is already allocated" (another container) or
    // "listen tcp4 0.0.0.0:8080: bind: address already in use" (another process).
    private static final Pattern PORT_TAKEN = Pattern.compile(
            "(?:Bind for \\S*:(\\d+) failed: port is already allocated|listen \\w+ \\S*:(\\d+): bind: address already in use)");

    private static final Pattern ACCESS_REFUSED = Pattern.compile(
            "unauthorized|authentication required|no basic auth credentials|access denied|denied:",
            Pattern.CASE_INSENSITIVE);

    private Diagnosis() {
    }

    public static String imageUnavailable(String image, String hostId, String reason) {
        return "image " + image + " is not present on host " + hostId + " and could not be pulled: " + clean(reason);
    }

    /**
     * A pull's failure reason, with what to check when the registry refused access: whether this host has a login
     * for the image's registry, and whose. {@code username} is null when the pull was anonymous.
     */
    public static String pullFailure(String reason, String registryHost, String username) {
        String text = clean(reason);
        if (!ACCESS_REFUSED.matcher(text).find()) {
            return text;
        }
        return text + (username == null
                ? "; if the repository is private, add a login for " + registryHost + " (graphium.agent.registries)"
                : "; the registry refused user " + username + " or gave it no access (login for " + registryHost
                + " in graphium.agent.registries)");
    }

    public static String createFailed(ContainerRef ref, String hostId, String reason) {
        return ref.describe() + " could not be created on host " + hostId + ": " + clean(reason);
    }

    /** The name is used by a container that is not this slot's (Docker names are unique per host). */
    public static String nameTaken(ContainerRef ref, String dockerName, String hostId) {
        return ref.describe() + " could not be created on host " + hostId + ": the name " + dockerName
                + " is already used by another container (not one of this stack's, so it was left alone)";
    }

    public static String startFailed(ContainerRef ref, String hostId, String reason) {
        Matcher port = reason == null ? null : PORT_TAKEN.matcher(reason);
        if (port != null && port.find()) {
            String number = port.group(1) != null ? port.group(1) : port.group(2);
            return ref.describe() + " could not start on host " + hostId + ": host port " + number
                    + " is already in use";
        }
        return ref.describe() + " could not start on host " + hostId + ": " + clean(reason);
    }

    /** A container that was started but does not run: OOM-killed, or exited with a code (and its last words). */
    public static String notRunning(ContainerRef ref, String hostId, ContainerInspection state, List<String> logLines) {
        StringBuilder text = new StringBuilder(ref.describe()).append(" on host ").append(hostId);
        if (state.oomKilled()) {
            text.append(" was killed for running out of memory");
            if (state.memoryBytes() != null && state.memoryBytes() > 0) {
                text.append(" (limit ").append(bytes(state.memoryBytes())).append(')');
            }
        } else if (state.exitCode() != null && !"created".equals(state.dockerStatus())) {
            text.append(" exited with code ").append(state.exitCode());
        } else {
            text.append(" is ").append(state.dockerStatus()).append(" instead of running");
        }
        if (state.error() != null && !state.error().isBlank()) {
            text.append(": ").append(clean(state.error()));
        }
        return text.append(logTail(logLines)).toString();
    }

    public static String notFound(ContainerRef ref, String hostId) {
        return "there is no " + ref.describe() + " on host " + hostId;
    }

    public static String unsealable(ContainerRef ref, String variable, String reason) {
        return ref.describe() + " was not deployed: its secret variable " + variable + " cannot be opened: "
                + clean(reason);
    }

    /** "; last log lines: a | b | c", or nothing without logs. */
    static String logTail(List<String> lines) {
        List<String> useful = lines == null ? List.of()
                : lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (useful.isEmpty()) {
            return "";
        }
        List<String> last = useful.subList(Math.max(0, useful.size() - LOG_LINES), useful.size());
        return "; last log lines: " + String.join(" | ", last);
    }

    static String bytes(long bytes) {
        if (bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GiB";
        }
        if (bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MiB";
        }
        return bytes + " bytes";
    }

    /** Docker's messages arrive as "Status 404: {\"message\":\"...\"}" or with trailing newlines; keep the words. */
    static String clean(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        String text = reason.strip();
        Matcher json = Pattern.compile("\\{\"message\":\"(.*)\"}\\s*$", Pattern.DOTALL).matcher(text);
        if (json.find()) {
            text = json.group(1).replace("\\\"", "\"");
        }
        return text.replaceAll("\\s+", " ");
    }
}
