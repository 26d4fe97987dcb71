package io.graphium.placement.core.model;

import java.util.List;

/**
 * Why one container went where it went, or why it could go nowhere.
 *
 * @param chosenHostId null when no host could take it
 * @param rejections   hosts that could not take it, in host id order (bounded: the summary counts the rest)
 * @param topScores    the chosen host and the runners-up, best first
 */
public record Diagnosis(String containerName, int hostsEvaluated, String chosenHostId,
                        List<HostRejection> rejections, List<HostScore> topScores, String summary) {

    public Diagnosis {
        rejections = List.copyOf(rejections);
        topScores = List.copyOf(topScores);
    }
}
