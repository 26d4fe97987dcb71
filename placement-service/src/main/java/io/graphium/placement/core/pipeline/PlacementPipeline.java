package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.inventory.RankedHosts;
import io.graphium.placement.core.model.ContainerDemand;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters, then scorers, run over the candidate hosts of one container (Nomad's feasibility and rank iterators,
 * Kubernetes' Filter and Score plugins). A host is rejected by the first filter that rejects it; the hosts that pass
 * are ranked by the sum of the scorers' terms, ties going to the lowest host id. Assembled in {@link Strategies}.
 */
public final class PlacementPipeline {

    private final List<HostFilter> filters;
    private final List<HostScorer> scorers;
    private final List<String> termNames;

    private PlacementPipeline(List<HostFilter> filters, List<HostScorer> scorers) {
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
        this.termNames = scorers.stream().map(HostScorer::term).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Evaluates every one of {@code candidates} (in host id order) for {@code container}: the exhaustive search. */
    public ContainerEvaluation evaluate(ContainerDemand container, List<HostState> candidates,
                                        PlacementContext context) {
        RejectionLog rejections = new RejectionLog();
        TopScores top = new TopScores(termNames);
        double[] terms = new double[scorers.size()];
        for (HostState host : candidates) {
            consider(container, host, context, rejections, top, terms);
        }
        return new ContainerEvaluation(container, candidates.size(), !scorers.isEmpty(), rejections, top);
    }

    /**
     * Walks {@code ranked} (best score first, ties by id) and stops once {@link TopScores#KEPT} hosts passed every
     * filter: these are exactly the hosts the exhaustive search would rank first, since later hosts score no better.
     * Returns null when no ranked host passes; the caller then runs the exhaustive search, whose failure message
     * names every rejected host.
     *
     * @param known how many hosts the inventory knows, for the summary
     */
    public ContainerEvaluation evaluateRanked(ContainerDemand container, RankedHosts ranked, int known,
                                              PlacementContext context) {
        RejectionLog rejections = new RejectionLog();
        TopScores top = new TopScores(termNames);
        double[] terms = new double[scorers.size()];
        int checked = 0;
        while (top.size() < TopScores.KEPT && ranked.hasNext()) {
            consider(container, ranked.next(), context, rejections, top, terms);
            checked++;
        }
        if (top.best() == null) {
            return null;
        }
        return ContainerEvaluation.ranked(container, checked, ranked.size(), known, rejections, top);
    }

    private void consider(ContainerDemand container, HostState host, PlacementContext context,
                          RejectionLog rejections, TopScores top, double[] terms) {
        Rejection rejection = firstRejection(container, host, context);
        if (rejection != null) {
            rejections.add(host.id(), rejection);
            return;
        }
        double total = 0;
        for (int i = 0; i < terms.length; i++) {
            terms[i] = scorers.get(i).score(container, host, context);
            total += terms[i];
        }
        top.offer(host, total, terms);
    }

    private Rejection firstRejection(ContainerDemand container, HostState host, PlacementContext context) {
        for (HostFilter filter : filters) {
            if (filter.check(container, host, context) instanceof Rejection rejection) {
                return rejection;
            }
        }
        return null;
    }

    /** Stages in the order they run. */
    public static final class Builder {
        private final List<HostFilter> filters = new ArrayList<>();
        private final List<HostScorer> scorers = new ArrayList<>();

        public Builder filter(HostFilter filter) {
            filters.add(filter);
            return this;
        }

        public Builder filters(List<HostFilter> group) {
            filters.addAll(group);
            return this;
        }

        public Builder scorer(HostScorer scorer) {
            scorers.add(scorer);
            return this;
        }

        public PlacementPipeline build() {
            return new PlacementPipeline(filters, scorers);
        }
    }
}
