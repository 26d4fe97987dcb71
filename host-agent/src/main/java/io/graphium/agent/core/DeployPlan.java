package io.graphium.agent.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a deploy command means on this host, given the containers already there for the same stack slot
 * (same stack, same container name, any deployment):
 * <ul>
 *   <li>ALREADY_RUNNING: a container of this deployment runs; a redelivered command changes nothing;</li>
 *   <li>ADOPT: a container of this deployment exists but does not run; start it rather than create another;</li>
 *   <li>CREATE: none exists; {@link #obsolete()} lists what to remove first (other deployments of the slot, i.e. a
 *       replacement, and duplicates or dead containers).</li>
 * </ul>
 */
public record DeployPlan(Action action, ManagedContainer target, List<ManagedContainer> obsolete) {

    public enum Action { CREATE, ADOPT, ALREADY_RUNNING }

    public DeployPlan {
        obsolete = List.copyOf(obsolete);
    }

    /** Decides for {@code wanted}, given every container of its slot found on the host. */
    public static DeployPlan decide(ContainerRef wanted, List<ManagedContainer> slot) {
        List<ManagedContainer> obsolete = new ArrayList<>();
        List<ManagedContainer> sameDeployment = new ArrayList<>();
        for (ManagedContainer container : slot) {
            if (!container.ref().sameSlot(wanted)) {
                continue; // not ours to judge
            }
            if (container.ref().equals(wanted) && reusable(container.status())) {
                sameDeployment.add(container);
            } else {
                obsolete.add(container);
            }
        }
        // Prefer the running one; among equals keep a stable choice (docker id) so redeliveries agree.
        Optional<ManagedContainer> keep = sameDeployment.stream()
                .min(Comparator.comparing((ManagedContainer c) -> !c.running())
                        .thenComparing(ManagedContainer::dockerId));
        if (keep.isEmpty()) {
            return new DeployPlan(Action.CREATE, null, obsolete);
        }
        sameDeployment.stream().filter(c -> c != keep.get()).forEach(obsolete::add);
        return new DeployPlan(keep.get().running() ? Action.ALREADY_RUNNING : Action.ADOPT, keep.get(), obsolete);
    }

    private static boolean reusable(ContainerStatus status) {
        return switch (status) {
            case RUNNING, CREATED, EXITED, STOPPED -> true;
            default -> false; // dead, being removed, unknown: replace it
        };
    }
}
