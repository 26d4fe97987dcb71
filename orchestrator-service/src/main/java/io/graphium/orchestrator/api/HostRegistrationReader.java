package io.graphium.orchestrator.api;

import io.graphium.events.HostDescription;
import io.graphium.events.HostStatus;
import io.graphium.kafka.Topics;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.Quantities;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a manual host registration:
 * <pre>{"id": "rack7-node3", "name": "node3", "ipAddress": "10.0.7.3", "cpus": 16, "memory": "64Gi",
 *  "datacenter": "eu-1", "labels": {"disk": "ssd"}, "status": "active"}</pre>
 * {@code memoryBytes} (a number) may be given instead of {@code memory} (bytes, or Ki/Mi/Gi/Ti, k/M/G/T, read as in
 * stack definitions by {@link Quantities#memoryBytes}). Every field is checked and every problem reported, each with
 * its JSON path.
 */
final class HostRegistrationReader {

    /** The registration, when there were no problems. */
    record Registration(HostDescription host, HostStatus status) {
    }

    record Result(Registration registration, List<Problem> problems) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> FIELDS = Set.of("id", "name", "ipAddress", "cpus", "memoryBytes", "memory",
            "datacenter", "labels", "status");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final int MAX_CPUS = 65_536;
    private static final int MAX_TEXT = 253;

    private HostRegistrationReader() {
    }

    static Result read(String body) {
        List<Problem> problems = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return new Result(null, List.of(new Problem("$", "the registration is empty; send a JSON object with id, "
                    + "ipAddress, cpus and memory")));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new Result(null, List.of(new Problem("$", "the registration is not valid JSON: "
                    + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            return new Result(null, List.of(new Problem("$", "the registration must be a JSON object")));
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(new Problem("$." + name, "unknown field '" + name + "'; the fields are "
                        + FIELDS.stream().sorted().toList()));
            }
        }

        String id = text(root, "id", true, problems);
        if (id != null) {
            try {
                Topics.hostCommands(id); // the host id names the host's command topic: the same rule applies
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("$.id", e.getMessage()));
            }
        }
        String name = text(root, "name", false, problems);
        String ip = text(root, "ipAddress", true, problems);
        if (ip != null && !isIpLiteral(ip)) {
            problems.add(new Problem("$.ipAddress", "ipAddress '" + ip + "' is not an IPv4 or IPv6 address "
                    + "(e.g. 10.0.7.3); host names are not accepted, containers are published on this address"));
        }
        Integer cpus = cpus(root, problems);
        Long memory = memory(root, problems);
        String datacenter = text(root, "datacenter", false, problems);
        if (datacenter != null && !DATACENTER.matcher(datacenter).matches()) {
            problems.add(new Problem("$.datacenter", "datacenter '" + datacenter + "' is not a valid name: use 1-63 "
                    + "letters, digits, '-', '_' or '.', starting with a letter or digit"));
        }
        Map<String, String> labels = labels(root, problems);
        HostStatus status = status(root, problems);

        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        HostDescription host = HostDescription.newBuilder().setHostId(id).setName(name == null ? id : name)
                .setIpAddress(ip).setCpus(cpus).setMemoryBytes(memory).setDatacenter(datacenter).setLabels(labels)
                .setAgentVersion(null).setDockerVersion(null).build();
        return new Result(new Registration(host, status), List.of());
    }

    /** Reads {@code {"status": ..., "reason": ...}} for a status change; the status names are case-insensitive. */
    static HostStatus statusChange(JsonNode root, List<Problem> problems) {
        for (String name : root.propertyNames()) {
            if (!name.equals("status") && !name.equals("reason")) {
                problems.add(new Problem("$." + name, "unknown field '" + name + "'; the fields are [reason, status]"));
            }
        }
        if (!root.has("status") || root.get("status").isNull()) {
            problems.add(new Problem("$.status", "status is required: one of active, maintenance, offline"));
            return null;
        }
        HostStatus status = status(root, problems);
        JsonNode reason = root.get("reason");
        if (reason != null && !reason.isNull() && !reason.isString()) {
            problems.add(new Problem("$.reason", "reason must be a string"));
        }
        return status;
    }

    static JsonNode tree(String body, List<Problem> problems) {
        if (body == null || body.isBlank()) {
            problems.add(new Problem("$", "the body is empty; send a JSON object"));
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                problems.add(new Problem("$", "the body must be a JSON object"));
                return null;
            }
            return root;
        } catch (JacksonException e) {
            problems.add(new Problem("$", "the body is not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    private static String text(JsonNode root, String field, boolean required, List<Problem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem("$." + field, field + " is required"));
            }
            return null;
        }
        if (!node.isString()) {
            problems.add(new Problem("$." + field, field + " must be a string, not " + kind(node)));
            return null;
        }
        String value = node.asString().strip();
        if (value.isEmpty()) {
            problems.add(new Problem("$." + field, field + " must not be blank"));
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(new Problem("$." + field, field + " is longer than " + MAX_TEXT + " characters"));
            return null;
        }
        return value;
    }

    private static Integer cpus(JsonNode root, List<Problem> problems) {
        JsonNode node = root.get("cpus");
        if (node == null || node.isNull()) {
            problems.add(new Problem("$.cpus", "cpus is required: the host's CPU cores, a whole number (0 for a "
                    + "memory-only host)"));
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new Problem("$.cpus", "cpus must be a whole number of cores, not " + node));
            return null;
        }
        int cpus = node.intValue();
        if (cpus < 0 || cpus > MAX_CPUS) {
            problems.add(new Problem("$.cpus", "cpus " + cpus + " is out of range: 0 to " + MAX_CPUS));
            return null;
        }
        return cpus;
    }

    private static Long memory(JsonNode root, List<Problem> problems) {
        JsonNode bytes = root.get("memoryBytes");
        JsonNode text = root.get("memory");
        boolean hasBytes = bytes != null && !bytes.isNull();
        boolean hasText = text != null && !text.isNull();
        if (hasBytes && hasText) {
            problems.add(new Problem("$.memory", "give memory or memoryBytes, not both"));
            return null;
        }
        if (!hasBytes && !hasText) {
            problems.add(new Problem("$.memory", "memory is required: bytes as memoryBytes (17179869184), or memory "
                    + "with a unit (\"16Gi\")"));
            return null;
        }
        long value;
        String path;
        if (hasBytes) {
            path = "$.memoryBytes";
            if (!bytes.isIntegralNumber() || !bytes.canConvertToLong()) {
                problems.add(new Problem(path, "memoryBytes must be a whole number of bytes, not " + bytes));
                return null;
            }
            value = bytes.longValue();
        } else {
            path = "$.memory";
            if (text.isIntegralNumber() && text.canConvertToLong()) {
                value = text.longValue();
            } else if (!text.isString()) {
                problems.add(new Problem(path, "memory must be a size such as \"16Gi\" or a number of bytes, not "
                        + text));
                return null;
            } else {
                try {
                    value = Quantities.memoryBytes(text.asString().strip());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(path, "memory '" + text.asString() + "' " + e.getMessage()));
                    return null;
                }
            }
        }
        if (value <= 0) {
            problems.add(new Problem(path, "memory must be more than 0 bytes"));
            return null;
        }
        return value;
    }

    private static Map<String, String> labels(JsonNode root, List<Problem> problems) {
        JsonNode node = root.get("labels");
        Map<String, String> labels = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            problems.add(new Problem("$.labels", "labels must be an object of names to string values, e.g. "
                    + "{\"disk\": \"ssd\"}"));
            return labels;
        }
        for (Map.Entry<String, JsonNode> label : node.properties()) {
            String path = "$.labels." + label.getKey();
            if (label.getKey().isBlank()) {
                problems.add(new Problem(path, "a label name must not be blank"));
            } else if (!label.getValue().isString()) {
                problems.add(new Problem(path, "label '" + label.getKey() + "' must have a string value, not "
                        + kind(label.getValue()) + " (write \"" + label.getValue().asString() + "\")"));
            } else {
                labels.put(label.getKey(), label.getValue().asString());
            }
        }
        return labels;
    }

    private static HostStatus status(JsonNode root, List<Problem> problems) {
        JsonNode node = root.get("status");
        if (node == null || node.isNull()) {
            return HostStatus.ACTIVE;
        }
        String text = node.isString() ? node.asString().strip().toLowerCase(Locale.ROOT) : null;
        if (text != null) {
            switch (text) {
                case "active":
                    return HostStatus.ACTIVE;
                case "maintenance":
                    return HostStatus.MAINTENANCE;
                case "offline":
                    return HostStatus.OFFLINE;
                default:
                    break;
            }
        }
        problems.add(new Problem("$.status", "status " + node + " is not one of active, maintenance, offline"));
        return null;
    }

    private static boolean isIpLiteral(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (text.contains(":") && IPV6.matcher(text).matches()) {
            try {
                InetAddress.getByName(text); // a literal of only hex, ':' and '.' is parsed, never looked up
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isObject() ? "an object" : "null";
    }
}
