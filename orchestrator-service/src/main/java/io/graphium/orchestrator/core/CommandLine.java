package io.graphium.orchestrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a command written as one string into arguments the way a shell would for simple cases (as Docker Compose
 * does), so that {@code "redis-server --save ''"} needs no shell in the image: whitespace separates, single quotes are
 * literal, double quotes allow {@code \"} and {@code \\}, a backslash outside quotes escapes the next character.
 */
final class CommandLine {

    private CommandLine() {
    }

    /** A command written as an array of strings, or as one string split like a shell would. */
    static List<String> read(PathValue command) {
        if (command.isString()) {
            return Objects.requireNonNullElse(command.parsed(CommandLine::split), List.of());
        }
        return command.elements().stream().map(PathValue::string).filter(Objects::nonNull).toList();
    }

    /** The arguments; throws {@link IllegalArgumentException} (completing "command '...' ") on an open quote. */
    static List<String> split(String command) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            boolean escapes = c == '\\' && i + 1 < command.length()
                    && (quote == 0 || quote == '"' && "\"\\".indexOf(command.charAt(i + 1)) >= 0);
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (escapes) {
                current.append(command.charAt(++i));
            } else if (quote == 0 && Character.isWhitespace(c)) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
                continue;
            } else {
                current.append(c);
            }
            inArgument = true;
        }
        if (quote != 0) {
            throw new IllegalArgumentException("has an unclosed " + (quote == '"' ? "double" : "single") + " quote");
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }
}
