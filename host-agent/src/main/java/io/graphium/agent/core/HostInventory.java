package io.graphium.agent.core;

/**
 * The host as the agent reports it: capacity (asked once, then remembered), and a fresh look at the containers
 * on every report. When the runtime does not answer, the host is DEGRADED and the last look is repeated.
 */
public final class HostInventory {

    private final ContainerRuntime runtime;
    private final StopRequests stops;
    private final HostFacts fallbackFacts;
    private volatile HostFacts facts;
    private volatile HostObservation last = HostObservation.EMPTY;

    /** @param fallbackFacts what to report as capacity until the runtime has answered once (e.g. the OS's view) */
    public HostInventory(ContainerRuntime runtime, StopRequests stops, HostFacts fallbackFacts) {
        this.runtime = runtime;
        this.stops = stops;
        this.fallbackFacts = fallbackFacts;
    }

    public HostReport report() {
        try {
            HostFacts known = facts;
            if (known == null) {
                known = runtime.hostFacts();
                facts = known;
            }
            HostObservation seen = runtime.observe();
            HostObservation reported = new HostObservation(seen.managed().stream().map(stops::view).toList(),
                    seen.portsInUse(), seen.containersRunning());
            last = reported;
            return new HostReport(HostState.ACTIVE, known, reported, null);
        } catch (ContainerRuntimeException e) {
            return new HostReport(HostState.DEGRADED, facts != null ? facts : fallbackFacts, last, e.getMessage());
        }
    }
}
