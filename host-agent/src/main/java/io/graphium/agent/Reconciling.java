package io.graphium.agent;

import io.graphium.agent.core.Reconciler;
import io.graphium.agent.core.Reconciliation;
import io.graphium.kafka.Backoff;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a reconciliation each time the Docker daemon (re)connects, retrying with growing pauses until one goes
 * through (the desired state or the daemon may be unreachable for a while): at agent start and after every daemon
 * restart, the host ends up as desired.
 */
final class Reconciling implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Reconciling.class);
    private static final Backoff BACKOFF = Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(10));

    private final Reconciler reconciler;
    private final String hostId;

    Reconciling(Reconciler reconciler, String hostId) {
        this.reconciler = reconciler;
        this.hostId = hostId;
    }

    @Override
    public void run() {
        Backoff.Pauses pauses = BACKOFF.start();
        for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
            long pause;
            try {
                List<Reconciliation.Action> actions = reconciler.reconcile();
                log.info("Host {} reconciled with its desired state: {}", hostId, summary(actions));
                return;
            } catch (RuntimeException e) {
                pause = pauses.nextBackOff();
                log.warn("Reconciliation of host {} failed (attempt {}), retrying in {} ms: {}", hostId, attempt,
                        pause, e.getMessage());
            }
            if (!pauses.sleep(pause)) {
                return; // interrupted
            }
        }
    }

    private static String summary(List<Reconciliation.Action> actions) {
        if (actions.isEmpty()) {
            return "nothing to do";
        }
        return actions.stream().map(a -> a.getClass().getSimpleName())
                .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()))
                .toString();
    }
}
