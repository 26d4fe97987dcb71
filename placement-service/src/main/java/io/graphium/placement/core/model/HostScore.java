package io.graphium.placement.core.model;

import java.util.Map;

/** How one host scored for a container: the total and each scorer's term, in pipeline order. */
public record HostScore(String hostId, double total, Map<String, Double> terms) {
}
