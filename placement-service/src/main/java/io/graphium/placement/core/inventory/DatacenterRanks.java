package io.graphium.placement.core.inventory;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

/** The ranked hosts of one datacenter, in every {@link RankOrder}. */
final class DatacenterRanks {

    final String datacenter;
    private final Map<RankOrder, TreeSet<RankEntry>> byOrder = new EnumMap<>(RankOrder.class);

    DatacenterRanks(String datacenter) {
        this.datacenter = datacenter;
        for (RankOrder order : RankOrder.values()) {
            byOrder.put(order, new TreeSet<>(order.comparator));
        }
    }

    void add(RankEntry entry) {
        byOrder.values().forEach(ordered -> ordered.add(entry));
    }

    void remove(RankEntry entry) {
        byOrder.values().forEach(ordered -> ordered.remove(entry));
    }

    TreeSet<RankEntry> in(RankOrder order) {
        return byOrder.get(order);
    }

    int size() {
        return byOrder.get(RankOrder.FEWEST_CONTAINERS).size();
    }
}
