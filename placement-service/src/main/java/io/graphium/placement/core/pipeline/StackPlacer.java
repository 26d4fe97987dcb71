package io.graphium.placement.core.pipeline;

import io.graphium.placement.core.inventory.HostState;
import io.graphium.placement.core.inventory.Inventory;
import io.graphium.placement.core.inventory.Reservation;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.Diagnosis;
import io.graphium.placement.core.model.Placement;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Places the containers of one request one after another. Each container's reservation is held on the inventory
 * before the next one is evaluated, so a stack spreads over equal hosts and never books one port twice; the held
 * reservations are committed when every container has a host, and given back on failure or for a dry run.
 */
public final class StackPlacer {

    private static final RequestCheck WELL_FORMED = RequestChecks.wellFormed();

    private final Strategies strategies;
    private final int exhaustiveUpTo;

    /**
     * @param exhaustiveUpTo up to this many candidate hosts every host is evaluated (the diagnosis lists every
     *                       rejection); beyond, the strategy's ranked search checks the best-ranked hosts only
     */
    public StackPlacer(Strategies strategies, int exhaustiveUpTo) {
        this.strategies = strategies;
        this.exhaustiveUpTo = exhaustiveUpTo;
    }

    public PlacementOutcome place(PlacementRequest request, Inventory inventory, Instant now) {
        Strategy strategy = strategies.get(request.strategy());
        Optional<String> problem = WELL_FORMED.and(strategy.check()).problem(request);
        if (problem.isPresent()) {
            return new PlacementOutcome.Failed(problem.get(), List.of());
        }
        inventory.expireReservations(now);
        inventory.sweepSilentHosts(now);
        PlacementContext context = new PlacementContext(request, now);
        List<Reservation> held = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        List<Diagnosis> diagnoses = new ArrayList<>();
        for (ContainerDemand container : request.containers()) {
            ContainerEvaluation evaluation = evaluate(strategy, container, inventory, context);
            diagnoses.add(evaluation.diagnosis());
            HostState host = evaluation.chosen();
            if (host == null) {
                held.forEach(inventory::release);
                return new PlacementOutcome.Failed(evaluation.failureMessage(), diagnoses);
            }
            held.add(inventory.hold(host, request.keyOf(container), container));
            placements.add(new Placement(container.name(), host.id(), host.info().ipAddress(), container.ports()));
        }
        if (request.dryRun()) {
            held.forEach(inventory::release);
        } else {
            inventory.commit(held, now);
        }
        return new PlacementOutcome.Decided(placements, diagnoses);
    }

    /**
     * The ranked search when the strategy has one and there are many candidates; the exhaustive evaluation for few
     * hosts, a named target host, and whenever the ranked search finds no host (so failures always name every host).
     */
    private ContainerEvaluation evaluate(Strategy strategy, ContainerDemand container, Inventory inventory,
                                         PlacementContext context) {
        List<HostState> candidates = inventory.candidatesFor(container);
        if (strategy.ranked() != null && container.constraint().targetHost() == null
                && candidates.size() > exhaustiveUpTo) {
            ContainerEvaluation ranked = strategy.pipeline().evaluateRanked(container,
                    strategy.ranked().hosts(inventory.ranking(), context), candidates.size(), context);
            if (ranked != null) {
                return ranked;
            }
        }
        return strategy.pipeline().evaluate(container, candidates, context);
    }
}
