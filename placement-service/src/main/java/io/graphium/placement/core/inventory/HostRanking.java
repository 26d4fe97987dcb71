package io.graphium.placement.core.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The index that makes placement fast on many hosts: the hosts that can take containers (ACTIVE, not silent), per
 * datacenter, in ordered sets by auto score and by container count, updated on every change of a host (report,
 * reservation held or released, operator status). A container's search walks these orders from the best host and
 * stops after a few hosts pass every filter, instead of scoring every host.
 *
 * <p>Scores that depend on the request rather than the host (the auto datacenter term) are per-datacenter offsets,
 * applied while merging the datacenters' orders ({@link RankedHosts}).
 */
public final class HostRanking {

    private final Map<String, DatacenterRanks> byDatacenter = new HashMap<>();
    private final List<DatacenterRanks> datacenters = new ArrayList<>();

    /** Takes the host out with its old keys and puts it back with fresh ones if it can take containers. */
    void update(HostState host) {
        RankEntry entry = host.rank();
        remove(host);
        if (host.rankable()) {
            entry.refresh();
            entry.group = group(host.info().datacenter());
            entry.group.add(entry);
        }
    }

    void remove(HostState host) {
        RankEntry entry = host.rank();
        if (entry.group != null) {
            entry.group.remove(entry);
            entry.group = null;
        }
    }

    /**
     * Hosts by auto score: {@code +datacenterPoints} for hosts in {@code location}, {@code −datacenterPoints} for the
     * others, nothing when the location is null.
     */
    public RankedHosts byAutoScore(String location, double datacenterPoints) {
        RankedHosts hosts = new RankedHosts(RankOrder.AUTO_SCORE);
        for (DatacenterRanks group : datacenters) {
            double offset = location == null ? 0
                    : Objects.equals(location, group.datacenter) ? datacenterPoints : -datacenterPoints;
            hosts.add(group, offset);
        }
        return hosts;
    }

    /** Hosts with the fewest containers first, of one datacenter, or of all when {@code datacenter} is null. */
    public RankedHosts byFewestContainers(String datacenter) {
        RankedHosts hosts = new RankedHosts(RankOrder.FEWEST_CONTAINERS);
        for (DatacenterRanks group : datacenters) {
            if (datacenter == null || datacenter.equals(group.datacenter)) {
                hosts.add(group, 0);
            }
        }
        return hosts;
    }

    /** Hosts ranked in all (able to take containers as far as status and liveness go). */
    public int size() {
        return datacenters.stream().mapToInt(DatacenterRanks::size).sum();
    }

    private DatacenterRanks group(String datacenter) {
        return byDatacenter.computeIfAbsent(datacenter, dc -> {
            DatacenterRanks group = new DatacenterRanks(dc);
            datacenters.add(group);
            return group;
        });
    }
}
