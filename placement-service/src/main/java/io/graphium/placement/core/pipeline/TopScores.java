package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.model.HostScore;
import io.graphium.placement.core.model.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best few hosts of one evaluation, best first. Hosts are offered in id order (exhaustive search) or in rank
 * order (best total first, ties by id) and only a strictly higher total moves a host ahead, so equal totals rank by
 * host id: the lowest id wins a tie.
 */
final class TopScores {

    static final int KEPT = 3;

    private final List<String> termNames;
    private final HostState[] hosts = new HostState[KEPT];
    private final double[] totals = new double[KEPT];
    private final double[][] terms = new double[KEPT][];
    private int size;

    TopScores(List<String> termNames) {
        this.termNames = termNames;
    }

    /** Considers a host that passed every filter; {@code hostTerms} is scratch space and is copied if kept. */
    void offer(HostState host, double total, double[] hostTerms) {
        if (size == KEPT && total <= totals[KEPT - 1]) {
            return;
        }
        int slot = size < KEPT ? size++ : KEPT - 1;
        while (slot > 0 && totals[slot - 1] < total) {
            hosts[slot] = hosts[slot - 1];
            totals[slot] = totals[slot - 1];
            terms[slot] = terms[slot - 1];
            slot--;
        }
        hosts[slot] = host;
        totals[slot] = total;
        terms[slot] = hostTerms.clone();
    }

    int size() {
        return size;
    }

    /** The winner, or null when no host passed. */
    HostState best() {
        return size == 0 ? null : hosts[0];
    }

    double bestTotal() {
        return totals[0];
    }

    /** Totals and terms rounded to 2 decimals for reading; the ranking used the exact values. */
    List<HostScore> scores() {
        List<HostScore> scores = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Double> byTerm = new LinkedHashMap<>();
            for (int t = 0; t < termNames.size(); t++) {
                byTerm.put(termNames.get(t), Quantities.round(terms[i][t], 2));
            }
            scores.add(new HostScore(hosts[i].id(), Quantities.round(totals[i], 2), byTerm));
        }
        return scores;
    }
}
