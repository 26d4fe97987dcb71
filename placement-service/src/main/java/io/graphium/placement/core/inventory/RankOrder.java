package io.graphium.placement.core.inventory;

import java.util.Comparator;

/** The orders the ranking keeps, best first; equal keys go to the lowest host id, as everywhere in placement. */
public enum RankOrder {

    /** Highest auto score first (cpu + memory + containers; the datacenter term is added per request). */
    AUTO_SCORE((a, b) -> a.autoScore > b.autoScore ? -1 : a.autoScore < b.autoScore ? 1 : a.id().compareTo(b.id())) {
        @Override
        double score(RankEntry entry) {
            return entry.autoScore;
        }
    },
    /** Fewest containers first: the score of spread and datacenter is {@code −containers}. */
    FEWEST_CONTAINERS((a, b) -> a.containers != b.containers ? Integer.compare(a.containers, b.containers)
            : a.id().compareTo(b.id())) {
        @Override
        double score(RankEntry entry) {
            return -entry.containers;
        }
    };

    final Comparator<RankEntry> comparator;

    RankOrder(Comparator<RankEntry> comparator) {
        this.comparator = comparator;
    }

    /** The key as a score (higher is better), for merging the datacenters' orders. */
    abstract double score(RankEntry entry);
}
