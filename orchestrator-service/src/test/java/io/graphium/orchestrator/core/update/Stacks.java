package io.graphium.orchestrator.core.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.orchestrator.core.ParseResult;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;

/** Test definitions for the update core: a stack "shop" of single-quoted JSON containers. */
final class Stacks {

    private Stacks() {
    }

    /** Parses a stack of these containers, which must have no parse problem. */
    static StackDefinition parsed(String... containers) {
        String json = ("{'name':'shop','itemListElement':[" + String.join(",", containers) + "]}").replace('\'', '"');
        ParseResult result = StackDefinitionParser.parse(json);
        assertThat(result.problems()).as("parse problems of " + json).isEmpty();
        return result.definition();
    }
}
