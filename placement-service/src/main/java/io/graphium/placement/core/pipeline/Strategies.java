package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.filter.ActiveHostFilter;
import io.graphium.placement.core.filter.DatacenterFilter;
import io.graphium.placement.core.filter.LabelsFilter;
import io.graphium.placement.core.filter.MinCapacityFilter;
import io.graphium.placement.core.filter.PortsFreeFilter;
import io.graphium.placement.core.filter.ResourcesFitFilter;
import io.graphium.placement.core.model.StrategyKind;
import io.graphium.placement.core.score.AvailabilityScorer;
import io.graphium.placement.core.score.ContainerCountScorer;
import io.graphium.placement.core.score.DatacenterScorer;
import io.graphium.placement.core.score.FewestContainersScorer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four placement strategies, assembled here and nowhere else, one commented line per stage.
 *
 * <p>Candidates of a container: the host its constraint targets when it names one, otherwise every known host, in
 * host id order (see {@code Inventory.candidatesFor}). Containers of a request are placed one after another, each
 * seeing the reservations of those before it ({@link StackPlacer}).
 *
 * <p>Auto score of a host (−30..110 points; the highest wins, ties go to the lowest host id):
 * <pre>
 *   cpu        = 30 × free cpu / cpu capacity            (0..30; 0 when the host has 0 CPUs)
 *   memory     = 30 × free memory / memory capacity      (0..30; 0 when the host reports no memory)
 *   containers = clamp(10 − containers on the host, −10, +10)
 *   datacenter = +20 in the stack's location, −20 elsewhere, 0 when the stack has no location
 * </pre>
 * "free" and "containers" count the host's heartbeat (usage, running containers) plus pending reservations.
 *
 * <p>Each scored strategy also names its {@link RankedSearch}: the ranking index order that lists hosts exactly as
 * its scorers rank them, which {@link StackPlacer} walks instead of scoring every host when there are many.
 */
public final class Strategies {

    private final Map<StrategyKind, Strategy> byKind = new EnumMap<>(StrategyKind.class);

    public Strategies(Duration hostTtl) {
        HostFilter active = new ActiveHostFilter(hostTtl);
        HostFilter portsFree = new PortsFreeFilter();
        HostFilter resourcesFit = new ResourcesFitFilter();
        List<HostFilter> constraint = List.of(
                DatacenterFilter.requiredByConstraint(),    // the container's requiredDatacenter
                new MinCapacityFilter(),                    // its minCpu / minMemory against host capacity
                new LabelsFilter());                        // its labels, all equal on the host

        add(new Strategy(StrategyKind.AUTO, RequestCheck.NONE, PlacementPipeline.builder()
                .filter(active)                             // ACTIVE and heard from within the host TTL
                .filters(constraint)                        // hostConstraints are hard filters everywhere
                .filter(portsFree)                          // no published host port/protocol used or reserved
                .filter(resourcesFit)                       // the reservation fits the free cpu and memory
                .scorer(AvailabilityScorer.cpu())           // 0..30 points for free cpu
                .scorer(AvailabilityScorer.memory())        // 0..30 points for free memory
                .scorer(new ContainerCountScorer())         // −10..+10 points, fewer containers is better
                .scorer(new DatacenterScorer())             // +20 / −20 / 0 for the stack's location
                .build(),
                // the same total, kept in the ranking index: cpu + memory + containers, ±20 per datacenter
                (ranking, context) -> ranking.byAutoScore(context.location(), DatacenterScorer.POINTS)));
        add(new Strategy(StrategyKind.SPREAD, RequestCheck.NONE, PlacementPipeline.builder()
                .filter(active)                             // ACTIVE and heard from within the host TTL
                .filters(constraint)                        // hostConstraints are hard filters everywhere
                .filter(portsFree)                          // resources are ignored, port conflicts never
                .scorer(new FewestContainersScorer())       // the host with the fewest containers
                .build(),
                (ranking, context) -> ranking.byFewestContainers(null)));
        add(new Strategy(StrategyKind.DATACENTER, RequestChecks.locationGiven(), PlacementPipeline.builder()
                .filter(active)                             // ACTIVE and heard from within the host TTL
                .filter(DatacenterFilter.stackLocation())   // only hosts in the stack's location
                .filters(constraint)                        // hostConstraints are hard filters everywhere
                .filter(portsFree)                          // then spread among them, like SPREAD
                .scorer(new FewestContainersScorer())       // the host with the fewest containers
                .build(),
                (ranking, context) -> ranking.byFewestContainers(context.location())));
        add(new Strategy(StrategyKind.MANUAL, RequestChecks.targetHostForEveryContainer(), PlacementPipeline.builder()
                .filter(active)                             // even a named host must be ACTIVE and alive
                .filters(constraint)                        // and satisfy the rest of its constraint
                .filter(portsFree)                          // no published host port/protocol used or reserved
                .filter(resourcesFit)                       // the reservation fits the free cpu and memory
                .build(),                                   // no scorer: the target is the only candidate
                null));
    }

    public Strategy get(StrategyKind kind) {
        return byKind.get(kind);
    }

    private void add(Strategy strategy) {
        byKind.put(strategy.kind(), strategy);
    }
}
