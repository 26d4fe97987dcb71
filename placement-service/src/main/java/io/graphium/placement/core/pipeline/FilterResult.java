package io.graphium.placement.core.pipeline;

/** What a {@link HostFilter} says about one host: it may take the container, or a {@link Rejection} says why not. */
public sealed interface FilterResult permits FilterResult.Pass, Rejection {

    FilterResult PASS = new Pass();

    /** The host may take the container, as far as this filter is concerned. */
    record Pass() implements FilterResult {
    }
}
