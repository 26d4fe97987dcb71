package io.graphium.cli.api;

import java.util.List;

/**
 * An RFC 7807 problem body as the orchestrator returns it for 4xx answers; {@code problems} lists what is wrong
 * with a stack definition (only on 400).
 */
public record Problem(String title, int status, String detail, List<Item> problems) {

    public Problem {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** One thing wrong with a stack definition, at a JSON path such as {@code $.itemListElement[0].image}. */
    public record Item(String path, String message) {
    }
}
