package io.graphium.placement.core.inventory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Ranked hosts of one or more datacenters, merged into one sequence, best first: by key plus the datacenter's offset
 * (the auto score's ±20 datacenter term), equal totals going to the lowest host id. Read it while placing one
 * container, before any reservation changes the ranking.
 */
public final class RankedHosts {

    private final RankOrder order;
    private final List<Source> sources = new ArrayList<>();
    private int size;

    RankedHosts(RankOrder order) {
        this.order = order;
    }

    void add(DatacenterRanks group, double offset) {
        Source source = new Source(group.in(order).iterator(), offset);
        source.advance(order);
        sources.add(source);
        size += group.size();
    }

    /** How many hosts the sequence holds in all. */
    public int size() {
        return size;
    }

    public boolean hasNext() {
        for (Source source : sources) {
            if (source.head != null) {
                return true;
            }
        }
        return false;
    }

    /** The next best host. */
    public HostState next() {
        Source best = null;
        for (Source source : sources) {
            if (source.head != null && (best == null || source.total > best.total
                    || source.total == best.total && source.head.id().compareTo(best.head.id()) < 0)) {
                best = source;
            }
        }
        HostState host = best.head.host;
        best.advance(order);
        return host;
    }

    /** One datacenter's ordered hosts and the offset added to their keys. */
    private static final class Source {
        private final Iterator<RankEntry> entries;
        private final double offset;
        private RankEntry head;
        private double total;

        Source(Iterator<RankEntry> entries, double offset) {
            this.entries = entries;
            this.offset = offset;
        }

        void advance(RankOrder order) {
            head = entries.hasNext() ? entries.next() : null;
            if (head != null) {
                total = order.score(head) + offset;
            }
        }
    }
}
