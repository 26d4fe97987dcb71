package io.graphium.cli.api;

import java.util.List;

/**
 * A 4xx answer of the orchestrator: an RFC 7807 problem ({@code title}, {@code detail}) or a plain
 * {@code {"message": ...}}; {@code problems} lists what is wrong with a definition or registration (only on 400).
 */
public record Problem(String title, int status, String detail, String message, List<Item> problems) {

    public Problem {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** One thing wrong with the input, at a JSON path such as {@code $.itemListElement[0].image}. */
    public record Item(String path, String message) {
    }

    /** {@code title: detail}, whichever of the server's words there are. */
    public String summary() {
        String what = title != null ? title : "rejected with HTTP " + status;
        String why = detail != null ? detail : message;
        return why == null ? what : what + ": " + why;
    }
}
