package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.Diagnosis;
import io.graphium.placement.core.model.Quantities;

/** The result of running one container through a {@link PlacementPipeline}: the chosen host and the explanation. */
public final class ContainerEvaluation {

    private final ContainerDemand container;
    private final int hostsEvaluated;
    private final boolean scored;
    private final RejectionLog rejections;
    private final TopScores topScores;
    /** For a ranked search: how many hosts were ranked, and how many the inventory knows; -1 when exhaustive. */
    private final int ranked;
    private final int known;

    ContainerEvaluation(ContainerDemand container, int hostsEvaluated, boolean scored, RejectionLog rejections,
                        TopScores topScores) {
        this(container, hostsEvaluated, scored, rejections, topScores, -1, -1);
    }

    private ContainerEvaluation(ContainerDemand container, int hostsEvaluated, boolean scored, RejectionLog rejections,
                                TopScores topScores, int ranked, int known) {
        this.container = container;
        this.hostsEvaluated = hostsEvaluated;
        this.scored = scored;
        this.rejections = rejections;
        this.topScores = topScores;
        this.ranked = ranked;
        this.known = known;
    }

    /** A ranked search's success: {@code checked} hosts evaluated in rank order out of {@code ranked}. */
    static ContainerEvaluation ranked(ContainerDemand container, int checked, int ranked, int known,
                                      RejectionLog rejections, TopScores topScores) {
        return new ContainerEvaluation(container, checked, true, rejections, topScores, ranked, known);
    }

    /** The host the container goes to, or null when none can take it. */
    public HostState chosen() {
        return topScores.best();
    }

    public Diagnosis diagnosis() {
        HostState chosen = chosen();
        return new Diagnosis(container.name(), hostsEvaluated, chosen == null ? null : chosen.id(),
                rejections.recorded(), topScores.scores(), chosen == null ? failureMessage() : successSummary());
    }

    /**
     * {@code no host for container 'db': 0/3 hosts available: host1 port 5432/tcp in use, host2 datacenter eu-1 is
     * not us-west-2, host3 insufficient memory (needs 4 GiB, 2 GiB free)}.
     */
    public String failureMessage() {
        String prefix = "no host for container '" + container.name() + "': ";
        String target = container.constraint().targetHost();
        if (hostsEvaluated == 0 && target != null) {
            return prefix + "target host '" + target + "' is not in the inventory";
        }
        return prefix + available() + ": "
                + (hostsEvaluated == 0 ? "no host has registered or sent a heartbeat" : rejections.describe());
    }

    /**
     * {@code db -> host2 (score 71.25); 2/3 hosts available; rejected: host1 port 5432/tcp in use}, or after a ranked
     * search {@code db -> host0042 (score 88); best 4 of 4990 ranked hosts checked (5000 known); rejected: ...}.
     */
    private String successSummary() {
        String score = scored ? " (score " + Quantities.decimal(topScores.bestTotal(), 2) + ")" : "";
        String rejected = rejections.total() == 0 ? "" : "; rejected: " + rejections.describe();
        String searched = ranked < 0 ? available()
                : "best " + hostsEvaluated + " of " + ranked + " ranked hosts checked (" + known + " known)";
        return container.name() + " -> " + chosen().id() + score + "; " + searched + rejected;
    }

    private String available() {
        return (hostsEvaluated - rejections.total()) + "/" + hostsEvaluated + " hosts available";
    }
}
