package io.graphium.agent.kafka;

import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.HostInventory;
import io.graphium.agent.core.HostReport;
import io.graphium.agent.core.HostState;
import io.graphium.kafka.EventPublisher;
import io.graphium.kafka.Topics;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Puts the host in the inventory: a {@code HostRegistered} first, then a {@code HostHeartbeat} at every interval,
 * on its own thread (never a listener's). A failed publish is retried at the next tick; registration is repeated
 * until it succeeds.
 */
@Component
public class HostAnnouncer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostAnnouncer.class);

    private final EventPublisher publisher;
    private final HostInventory inventory;
    private final AgentProperties agent;
    private final String agentVersion;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean registered;
    private volatile HostState lastState;
    private volatile String lastProblem;

    public HostAnnouncer(EventPublisher publisher, HostInventory inventory, AgentProperties agent) {
        this.publisher = publisher;
        this.inventory = inventory;
        this.agent = agent;
        String version = HostAnnouncer.class.getPackage().getImplementationVersion();
        this.agentVersion = version == null ? "dev" : version;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "host-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, agent.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** One heartbeat (preceded by the registration until that has gone through). Never throws. */
    void tick() {
        try {
            HostReport report = inventory.report();
            noteState(report);
            if (!registered) {
                send(HostEvents.registered(agent, agentVersion, report));
                registered = true;
                log.info("Host {} registered ({}, {} at {}, {} CPUs, {} MiB, Docker {})", agent.hostId(),
                        report.state(), agent.name(), agent.ipAddress(), report.facts().cpus(),
                        report.facts().memoryBytes() / (1024 * 1024), report.facts().dockerVersion());
            }
            send(HostEvents.heartbeat(agent, agentVersion, report));
            noteProblem(null);
        } catch (Exception e) {
            noteProblem("cannot publish the inventory of host " + agent.hostId() + ": " + e.getMessage());
        }
    }

    private void send(SpecificRecord event) throws Exception {
        publisher.publish(Topics.hostReports(agent.hostId()), agent.hostId(), event)
                .get(Math.max(5_000, agent.heartbeatInterval().toMillis() * 3), TimeUnit.MILLISECONDS);
    }

    private void noteState(HostReport report) {
        if (report.state() != lastState) {
            if (report.state() == HostState.DEGRADED) {
                log.warn("Host {} is DEGRADED: {}", agent.hostId(), report.problem());
            } else if (lastState != null) {
                log.info("Host {} is {} again", agent.hostId(), report.state());
            }
            lastState = report.state();
        }
    }

    /** Logs a problem when it appears or changes, not at every tick. */
    private void noteProblem(String problem) {
        if (!Objects.equals(problem, lastProblem)) {
            if (problem != null) {
                log.warn(problem);
            } else if (lastProblem != null) {
                log.info("Inventory of host {} is published again", agent.hostId());
            }
            lastProblem = problem;
        }
    }
}
