package io.graphium.hosts;

import java.time.Duration;
import java.time.Instant;

/**
 * A host's effective status: the one placement goes by and the one people see. The placement service and the
 * orchestrator both decide it here, in this order:
 * <ol>
 *   <li>an operator's MAINTENANCE or OFFLINE override ({@link Basis#OPERATOR}); ACTIVE lifts an override;</li>
 *   <li>OFFLINE for a host run by an agent that has not been heard from for longer than the host TTL
 *       ({@link Basis#SILENT}); a host registered by hand has no heartbeats, so no TTL;</li>
 *   <li>otherwise what the host last reported, or was registered with ({@link Basis#REPORTED}).</li>
 * </ol>
 * When a host was last heard from is the caller's input (the placement service counts from when it received a
 * report, the orchestrator from the report's event time). Pure and, in its millisecond form, allocation-free:
 * placement asks it for every host and container.
 */
public final class HostStatusRule {

    /** Why a host has its effective status. */
    public enum Basis { OPERATOR, SILENT, REPORTED }

    /**
     * A decision with what it rests on.
     *
     * @param silentFor for {@link Basis#SILENT}, how long the host has not been heard from (null when it never was);
     *                  null otherwise
     */
    public record Effective(HostStatus status, Basis basis, Duration silentFor) {
    }

    private final Duration ttl;
    private final long ttlMillis;

    public HostStatusRule(Duration ttl) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("the host TTL must be zero or more, not " + ttl);
        }
        this.ttl = ttl;
        this.ttlMillis = ttl.toMillis();
    }

    public Duration ttl() {
        return ttl;
    }

    /** The override an operator's status makes: none (null) for ACTIVE, which lifts it, or for null. */
    public static HostStatus override(HostStatus operatorStatus) {
        return operatorStatus == HostStatus.ACTIVE ? null : operatorStatus;
    }

    /**
     * The status of a host that is not silent: the override, otherwise the report. For an index kept between sweeps
     * for silent hosts; a decision asks {@link #status} or {@link #effective}.
     */
    public static HostStatus unlessSilent(HostStatus operatorStatus, HostStatus reported) {
        return override(operatorStatus) != null ? operatorStatus : reported;
    }

    /** For {@code lastHeardMillis}: the host was never heard from. */
    public static final long NEVER = Long.MIN_VALUE;

    /**
     * True for a host run by an agent not heard from for longer than the TTL, or never ({@link #NEVER}); epoch
     * milliseconds.
     */
    public boolean silent(boolean agentManaged, long lastHeardMillis, long nowMillis) {
        return agentManaged && (lastHeardMillis == NEVER || nowMillis - lastHeardMillis > ttlMillis);
    }

    /** Why the host has its effective status; {@code operatorStatus} may be null or ACTIVE (no override). */
    public Basis basis(HostStatus operatorStatus, boolean agentManaged, long lastHeardMillis, long nowMillis) {
        if (override(operatorStatus) != null) {
            return Basis.OPERATOR;
        }
        return silent(agentManaged, lastHeardMillis, nowMillis) ? Basis.SILENT : Basis.REPORTED;
    }

    /** The effective status (epoch milliseconds; for many hosts). */
    public HostStatus status(HostStatus operatorStatus, HostStatus reported, boolean agentManaged,
                             long lastHeardMillis, long nowMillis) {
        return statusOn(basis(operatorStatus, agentManaged, lastHeardMillis, nowMillis), operatorStatus, reported);
    }

    /** The effective status and why; {@code lastHeard} null when the host was never heard from. */
    public Effective effective(HostStatus operatorStatus, HostStatus reported, boolean agentManaged,
                               Instant lastHeard, Instant now) {
        Basis basis = basis(operatorStatus, agentManaged, lastHeard == null ? NEVER : lastHeard.toEpochMilli(),
                now.toEpochMilli());
        return new Effective(statusOn(basis, operatorStatus, reported), basis,
                basis == Basis.SILENT && lastHeard != null ? Duration.between(lastHeard, now) : null);
    }

    private static HostStatus statusOn(Basis basis, HostStatus operatorStatus, HostStatus reported) {
        return switch (basis) {
            case OPERATOR -> operatorStatus;
            case SILENT -> HostStatus.OFFLINE;
            case REPORTED -> reported;
        };
    }
}
