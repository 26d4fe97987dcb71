package io.graphium.hosts;

import static io.graphium.hosts.HostStatus.ACTIVE;
import static io.graphium.hosts.HostStatus.DEGRADED;
import static io.graphium.hosts.HostStatus.MAINTENANCE;
import static io.graphium.hosts.HostStatus.OFFLINE;
import static io.graphium.hosts.HostStatusRule.Basis.OPERATOR;
import static io.graphium.hosts.HostStatusRule.Basis.REPORTED;
import static io.graphium.hosts.HostStatusRule.Basis.SILENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.graphium.hosts.HostStatusRule.Basis;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one table of a host's effective status (TTL 6 s), for the placement service and the orchestrator alike. */
class HostStatusRuleTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final HostStatusRule RULE = new HostStatusRule(Duration.ofSeconds(6));
    private static final boolean AGENT = true;
    private static final boolean MANUAL = false;
    private static final Long NEVER = null;

    static Stream<Arguments> hosts() {
        return Stream.of(
                // name, operator's status, reported, agent?, heard seconds ago, -> status, basis, silent for (s)
                argumentSet("an agent's host heard within the TTL: what it reported",
                        null, ACTIVE, AGENT, 1L, ACTIVE, REPORTED, null),
                argumentSet("exactly the TTL is not longer than the TTL",
                        null, ACTIVE, AGENT, 6L, ACTIVE, REPORTED, null),
                argumentSet("silent for longer than the TTL: offline",
                        null, ACTIVE, AGENT, 7L, OFFLINE, SILENT, 7L),
                argumentSet("an agent's host never heard from: offline",
                        null, ACTIVE, AGENT, NEVER, OFFLINE, SILENT, null),
                argumentSet("silence counts before what the host last reported",
                        null, DEGRADED, AGENT, 60L, OFFLINE, SILENT, 60L),
                argumentSet("a degraded report within the TTL stands",
                        null, DEGRADED, AGENT, 0L, DEGRADED, REPORTED, null),
                argumentSet("a host registered by hand has no TTL",
                        null, ACTIVE, MANUAL, 86_400L, ACTIVE, REPORTED, null),
                argumentSet("nor when it was never heard from",
                        null, MAINTENANCE, MANUAL, NEVER, MAINTENANCE, REPORTED, null),
                argumentSet("an operator's override wins over the agent",
                        MAINTENANCE, ACTIVE, AGENT, 1L, MAINTENANCE, OPERATOR, null),
                argumentSet("and over silence",
                        OFFLINE, ACTIVE, AGENT, 60L, OFFLINE, OPERATOR, null),
                argumentSet("and over a manual registration",
                        MAINTENANCE, ACTIVE, MANUAL, NEVER, MAINTENANCE, OPERATOR, null),
                argumentSet("ACTIVE from an operator lifts the override",
                        ACTIVE, DEGRADED, AGENT, 1L, DEGRADED, REPORTED, null),
                argumentSet("with the override lifted, silence counts again",
                        ACTIVE, ACTIVE, AGENT, 7L, OFFLINE, SILENT, 7L));
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void decidesTheEffectiveStatus(HostStatus operator, HostStatus reported, boolean agent, Long heardSecondsAgo,
                                   HostStatus status, Basis basis, Long silentSeconds) {
        Instant heard = heardSecondsAgo == null ? null : NOW.minusSeconds(heardSecondsAgo);
        HostStatusRule.Effective effective = RULE.effective(operator, reported, agent, heard, NOW);
        assertThat(effective).isEqualTo(new HostStatusRule.Effective(status, basis,
                silentSeconds == null ? null : Duration.ofSeconds(silentSeconds)));

        long heardMillis = heard == null ? HostStatusRule.NEVER : heard.toEpochMilli();
        assertThat(RULE.status(operator, reported, agent, heardMillis, NOW.toEpochMilli()))
                .as("the millisecond form placement uses").isEqualTo(status);
        assertThat(RULE.basis(operator, agent, heardMillis, NOW.toEpochMilli())).isEqualTo(basis);
        if (basis != SILENT) {
            assertThat(HostStatusRule.unlessSilent(operator, reported)).as("between sweeps").isEqualTo(status);
        }
    }
}
