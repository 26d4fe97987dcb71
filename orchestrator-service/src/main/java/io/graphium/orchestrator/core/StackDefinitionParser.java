package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the EVE JSON-LD stack definition the spec uses ({@code @type} ItemList of SoftwareApplication containers,
 * plus the {@code deployment} block and the {@code dependsOn} / {@code resources} extensions).
 *
 * <p>Reading is lenient where intent is clear and loud where it is not:
 * <ul>
 *   <li>Unknown fields are ignored (JSON-LD documents may carry more vocabulary), except names that look like a typo
 *       of a known field ("hostport", "dependOn") or a Docker Compose spelling ("env", "depends_on"): those are
 *       problems, since silently ignoring them would deploy something other than what was meant.</li>
 *   <li>Enum values ignore case and accept '_' for '-'; unknown ones are problems listing what is allowed.</li>
 *   <li>Environment variables whose name contains PASSWORD, PASSWD, SECRET, TOKEN, PRIVATE_KEY, API_KEY or CREDENTIAL
 *       (any case, '_' optional) are secret; {@code {"value": ..., "secret": true|false}} says so explicitly.</li>
 *   <li>Memory is bytes, or Ki/Mi/Gi/Ti (binary) or k/M/G/T (decimal) as in Kubernetes; CPU is cores or "500m";
 *       durations are seconds, "30s", "1m30s", "500ms" or ISO-8601.</li>
 *   <li>{@code requirements}, {@code softwareRequirements} and {@code dependsOn} all become dependencies.</li>
 *   <li>Duplicate keys make the JSON malformed (the last one would otherwise win silently).</li>
 *   <li>EVE's {@code potentialAction} (post-start commands) and {@code network} are read past: not supported yet,
 *       host-port networking needs no network.</li>
 * </ul>
 * A value that cannot be read is a problem and is left out, and reading goes on, so that one pass reports
 * everything; {@link #parseAndValidate} adds the validator's problems.
 * Thread-safe; the only class of the core that knows Jackson.
 */
public final class StackDefinitionParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StackDefinitionParser() {
    }

    /** The definition as far as it can be read, and every problem found while reading it. */
    public static ParseResult parse(String json) {
        if (json == null || json.isBlank()) {
            return new ParseResult(null, List.of(new Problem("$", "the definition is empty")));
        }
        List<Problem> problems = new ArrayList<>();
        Object tree;
        try {
            tree = MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            return new ParseResult(null, List.of(new Problem("$", malformed(e))));
        }
        PathValue root = PathValue.root(tree, problems);
        if (!root.expectObject()) {
            if (root.isAbsent()) {
                root.problem("the definition must be an object, not null");
            }
            return new ParseResult(null, problems);
        }
        StackDefinition definition = StackReader.read(root);
        return new ParseResult(definition, problems);
    }

    /**
     * Parses and validates: every problem at once. A validation problem at or inside a path the parser already
     * complained about is left out (a port that is not a number is not also "out of range").
     */
    public static ParseResult parseAndValidate(String json) {
        ParseResult parsed = parse(json);
        if (parsed.definition() == null) {
            return parsed;
        }
        List<Problem> problems = new ArrayList<>(parsed.problems());
        StackValidator.validate(parsed.definition()).stream()
                .filter(problem -> parsed.problems().stream().noneMatch(problem::isWithin))
                .forEach(problems::add);
        return new ParseResult(parsed.definition(), problems);
    }

    private static String malformed(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String why = e.getOriginalMessage() == null ? "it cannot be read" : e.getOriginalMessage();
        // Jackson may append where the enclosing array or object started, as an unreadable "(... [Source: ...])".
        int source = why.indexOf("[Source:");
        if (source > 0) {
            int aside = why.lastIndexOf(" (", source);
            why = why.substring(0, aside > 0 ? aside : source).trim();
        }
        return "the definition is not valid JSON" + where + ": " + why;
    }
}
