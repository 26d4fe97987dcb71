package io.graphium.cli;

import io.graphium.cli.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stack definition file as the commands send it: read as is, or, when {@code --strategy} / {@code --location} are
 * given, parsed and sent with {@code deployment.placementStrategy} / {@code location} replaced. Unreadable files and
 * (with overrides) files that are not a JSON object are usage errors that name the file and the place.
 */
public final class DefinitionFile {

    private DefinitionFile() {
    }

    /** The file's text, unchanged. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The file's JSON; a usage error naming line and column when it is not JSON. */
    public static JsonNode parse(Path file, String text) {
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            if (json == null || json.isMissingNode()) {
                throw new CliException(ExitCode.USAGE, file + " is empty; a stack definition is a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new CliException(ExitCode.USAGE, file + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        }
    }

    /** The definition to send: the file's text, or its JSON with the overrides applied when there are any. */
    public static String withOverrides(Path file, String strategy, String location) {
        String text = read(file);
        if (strategy == null && location == null) {
            return text;
        }
        JsonNode json = parse(file, text);
        if (!(json instanceof ObjectNode definition)) {
            throw new CliException(ExitCode.USAGE, file + " is not a JSON object, so --strategy/--location cannot "
                    + "be applied to it");
        }
        if (strategy != null) {
            JsonNode deployment = definition.get("deployment");
            ObjectNode target = deployment instanceof ObjectNode object ? object : definition.putObject("deployment");
            target.put("placementStrategy", strategy);
        }
        if (location != null) {
            definition.put("location", location);
        }
        return Json.MAPPER.writeValueAsString(definition);
    }
}
