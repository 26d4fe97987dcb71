package io.graphium.orchestrator.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One value of the parsed definition tree (String, Number, Boolean, Map, List or null) with its JSON path. Reading
 * never throws: a value of the wrong type is recorded as a problem and read as absent, so that one pass reports
 * everything. Plain Java values, so that only the parser class touches Jackson.
 */
final class PathValue {

    private final Object value;
    private final String path;
    private final String name;
    private final String context;
    private final List<Problem> problems;

    private PathValue(Object value, String path, String name, String context, List<Problem> problems) {
        this.value = value;
        this.path = path;
        this.name = name;
        this.context = context;
        this.problems = problems;
    }

    static PathValue root(Object value, List<Problem> problems) {
        return new PathValue(value, "$", "the definition", "", problems);
    }

    /** The same value whose problems start with {@code context}, e.g. "container 'web'", and so do its children's. */
    PathValue in(String context) {
        return new PathValue(value, path, name, context, problems);
    }

    PathValue field(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new PathValue(child, JsonPaths.field(path, key), key, context, problems);
    }

    boolean isAbsent() {
        return value == null;
    }

    boolean isString() {
        return value instanceof String;
    }

    boolean isObject() {
        return value instanceof Map;
    }

    /** True for an object; records a problem for anything else that is present. */
    boolean expectObject() {
        if (isObject()) {
            return true;
        }
        absentOr("an object");
        return false;
    }

    /** The keys of an object, in their order, with their values; empty for anything else. */
    Map<String, PathValue> members() {
        Map<String, PathValue> members = new LinkedHashMap<>();
        if (expectObject()) {
            ((Map<?, ?>) value).keySet().forEach(key -> members.put((String) key, field((String) key)));
        }
        return members;
    }

    /** The elements of an array; empty when absent, a problem for anything else. */
    List<PathValue> elements() {
        if (!(value instanceof List<?> list)) {
            absentOr("an array");
            return List.of();
        }
        List<PathValue> elements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            elements.add(new PathValue(list.get(i), JsonPaths.element(path, i), name + "[" + i + "]", context,
                    problems));
        }
        return elements;
    }

    /** Text; anything else is a problem. */
    String string() {
        return isString() ? (String) value : absentOr("text");
    }

    /** Text, or the text of a number or boolean (environment values, labels); null for anything else. */
    String text() {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).toPlainString();
        }
        return isString() || value instanceof Boolean ? value.toString() : absentOr("text");
    }

    /**
     * A value written as text or as a number ("512Mi", 536870912, "30s"), read by {@code parser}, which throws
     * {@link IllegalArgumentException} with a message completing "{name} '{text}' ..."; null when absent or invalid.
     */
    <T> T parsed(Function<String, T> parser) {
        String text = text();
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            problem(name + " '" + text + "' " + e.getMessage());
            return null;
        }
    }

    /** true or false; {@code absent} when there is no value. */
    boolean bool(boolean absent) {
        if (value instanceof Boolean b) {
            return b;
        }
        absentOr("true or false");
        return absent;
    }

    /** A whole number (8080, or 8080.0); fractions and text are problems. */
    Integer integer() {
        if (!(value instanceof Number n)) {
            return absentOr("a whole number");
        }
        BigDecimal number = new BigDecimal(n.toString());
        if (number.stripTrailingZeros().scale() > 0) {
            problem(name + " must be a whole number, not " + number.toPlainString());
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            problem(name + " " + number.toPlainString() + " is far too large");
            return null;
        }
    }

    /** An enum constant written in lower case with '-' for '_' ("multi-host"); null when absent or unknown. */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        String text = string();
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'))) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(PathValue::spelling).toList();
        problem(name + " '" + text + "' is not one of " + String.join(", ", allowed)
                + FieldNames.closest(text.toLowerCase(Locale.ROOT), allowed).map(s -> "; did you mean '" + s + "'?")
                .orElse("."));
        return null;
    }

    /**
     * Flags unknown fields that look like a misspelt known one, or like a Docker Compose name we spell differently;
     * other unknown fields are ignored (JSON-LD documents may carry more vocabulary than we use).
     */
    void checkFields(Set<String> known, Map<String, String> aliases) {
        if (!isObject()) {
            return;
        }
        for (Object key : ((Map<?, ?>) value).keySet()) {
            String field = (String) key;
            if (known.contains(field)) {
                continue;
            }
            String suggestion = aliases.containsKey(field) ? aliases.get(field)
                    : FieldNames.closest(field, known).orElse(null);
            if (suggestion != null) {
                field(field).problem("unknown field '" + field + "'; did you mean '" + suggestion + "'?");
            }
        }
    }

    void problem(String message) {
        problems.add(new Problem(path, context.isEmpty() ? message : context + ": " + message));
    }

    /** Null; when a value of another type is present, records "{name} must be {expected}, not {what it is}". */
    private <T> T absentOr(String expected) {
        if (!isAbsent()) {
            problem(name + " must be " + expected + ", not " + describe(value));
        }
        return null;
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof Boolean ? value.toString() : "the number " + value;
    }

    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
