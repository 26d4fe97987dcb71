package io.graphium.agent.probe;

import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.Health;
import io.graphium.agent.core.HealthCheck;
import io.graphium.agent.core.HealthProbes;
import io.graphium.agent.core.HealthTracker;
import io.graphium.agent.core.ReportedStates;
import io.graphium.agent.core.SlotLocks;
import io.graphium.agent.core.StatusChange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Probes HTTP (GET, 2xx) and TCP (connect) health checks on {@code <probeAddress>:<published host port>} at each
 * check's interval, and reports every change of health (STARTING, HEALTHY, UNHEALTHY) as it happens.
 */
public final class NetworkHealthProbes implements HealthProbes, AutoCloseable {

    private final String probeAddress;
    private final ReportedStates reporter;
    private final SlotLocks locks;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "health-probes");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> probed = new ConcurrentHashMap<>();

    /** @param probeAddress where the host's published ports answer the agent (127.0.0.1 in the host's namespace) */
    public NetworkHealthProbes(String probeAddress, ReportedStates reporter, SlotLocks locks, Clock clock) {
        this.probeAddress = probeAddress;
        this.reporter = reporter;
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    public void watch(ContainerRef ref, String dockerId, HealthCheck check) {
        probed.computeIfAbsent(dockerId, id -> {
            HealthTracker tracker = new HealthTracker(check, clock.instant());
            report(ref, id, tracker.current(), null);
            return scheduler.scheduleWithFixedDelay(() -> probe(ref, id, check, tracker), 0,
                    check.interval().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void unwatch(String dockerId) {
        ScheduledFuture<?> probe = probed.remove(dockerId);
        if (probe != null) {
            probe.cancel(false);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void probe(ContainerRef ref, String dockerId, HealthCheck check, HealthTracker tracker) {
        String failure = check.type() == HealthCheck.Type.HTTP ? http(check) : tcp(check);
        tracker.record(failure == null, clock.instant())
                .ifPresent(health -> report(ref, dockerId, health, failure));
    }

    private void report(ContainerRef ref, String dockerId, Health health, String failure) {
        locks.inSlot(ref.stackId(), ref.containerName(), () -> {
            if (probed.containsKey(dockerId) || health == Health.STARTING) {
                reporter.reportObserved(new StatusChange(null, ref, ContainerStatus.RUNNING, health, dockerId, null,
                        failure == null ? null : "health check failed: " + failure));
            }
        });
    }

    /** Null when healthy, else what went wrong. */
    private String http(HealthCheck check) {
        URI uri = URI.create("http://" + probeAddress + ":" + check.hostPort() + check.path());
        try {
            int status = http.send(HttpRequest.newBuilder(uri).timeout(check.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "GET " + uri + " answered " + status;
        } catch (IOException e) {
            return "GET " + uri + " failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String tcp(HealthCheck check) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(probeAddress, check.hostPort()), (int) check.timeout().toMillis());
            return null;
        } catch (IOException e) {
            return "connecting to " + probeAddress + ":" + check.hostPort() + " failed: " + e.getMessage();
        }
    }
}
