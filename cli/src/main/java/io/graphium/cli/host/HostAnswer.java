package io.graphium.cli.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the host writes answer: a summary, plus the server's note when it accepted (202) before the view caught up. */
final class HostAnswer {

    private HostAnswer() {
    }

    static List<String> withNote(JsonNode answer, String summary) {
        List<String> lines = new ArrayList<>(List.of(summary));
        if (answer.hasNonNull("note")) {
            lines.add(answer.get("note").asString());
        }
        return lines;
    }
}
