package io.graphium.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.RegistrationSource;
import java.util.Optional;

/**
 * Who a report comes from. An agent writes only to its own {@code graphium.host.reports.<hostId>} topic (the broker's
 * authorizer enforces it: the agent's principal may write that one topic and no other), so the topic a report
 * arrives on is the authenticated host; no signature is needed. A report whose content claims another host, or a
 * registration on a reports topic that does not say it comes from an agent, is forged or broken: the consumers turn
 * it away as poison ({@link ForgedReportException}, to the dead-letter topic with the reason) and go on.
 *
 * <p>The one place this rule lives; the orchestrator and the placement service both call {@link #verify}.
 */
public final class ReportSource {

    private ReportSource() {
    }

    /** A report whose claimed source is not the host whose topic it arrived on. Never worth retrying. */
    public static final class ForgedReportException extends RuntimeException {
        public ForgedReportException(String message) {
            super(message);
        }
    }

    /**
     * The host a record on {@code topic} is authenticated as: the reporting host for a reports topic (after checking
     * that the record's claims match it), empty for any other topic (e.g. manual registrations on
     * {@link Topics#HOSTS}, which only the orchestrator may write).
     *
     * @throws ForgedReportException when the record claims a host other than its topic's, or is a registration
     *                               on a reports topic that is not an agent's
     */
    public static Optional<String> verify(String topic, String key, Object value) {
        Optional<String> host = Topics.reportingHost(topic);
        host.flatMap(h -> problem(h, key, value)).ifPresent(problem -> {
            throw new ForgedReportException(problem);
        });
        return host;
    }

    /** What is wrong with {@code value} (keyed {@code key}) as a report of {@code host}; empty when nothing is. */
    public static Optional<String> problem(String host, String key, Object value) {
        String from = " on the reports topic of host '" + host + "'";
        if (value instanceof HostRegistered registration) {
            String claimed = registration.getHost() == null ? null : registration.getHost().getHostId();
            if (!host.equals(claimed)) {
                return Optional.of("HostRegistered claims host '" + claimed + "'" + from);
            }
            if (registration.getSource() != RegistrationSource.AGENT) {
                return Optional.of("HostRegistered with source " + registration.getSource() + from
                        + ": only the host's agent registers there (manual registrations go through the orchestrator)");
            }
        } else if (value instanceof HostHeartbeat heartbeat) {
            String claimed = heartbeat.getHost() == null ? null : heartbeat.getHost().getHostId();
            if (!host.equals(claimed)) {
                return Optional.of("HostHeartbeat claims host '" + claimed + "'" + from);
            }
        } else if (value instanceof ContainerStatusChanged status) {
            if (!host.equals(status.getHostId())) {
                return Optional.of("ContainerStatusChanged of container '" + status.getContainerName()
                        + "' of stack '" + status.getStackId() + "' claims host '" + status.getHostId() + "'" + from);
            }
        } else if (value == null) {
            if (!host.equals(key)) {
                return Optional.of("a tombstone for key '" + key + "'" + from + ": a host may only delete its own record");
            }
        } else {
            return Optional.of(value.getClass().getSimpleName() + from + ": a reports topic carries only "
                    + "HostRegistered, HostHeartbeat and ContainerStatusChanged");
        }
        return Optional.empty();
    }
}
