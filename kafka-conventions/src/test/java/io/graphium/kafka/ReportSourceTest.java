package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.RegistrationSource;
import io.graphium.events.StackStopRequested;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A report is believed only about the host whose reports topic it arrived on. */
class ReportSourceTest {

    private static final String H1 = Topics.hostReports("host1").name();
    private static final String H2 = Topics.hostReports("h2").name();

    static Stream<Arguments> forged() {
        HostHeartbeat heartbeat = EventFixtures.heartbeat(); // claims host1
        HostRegistered manual = registration(RegistrationSource.MANUAL);
        return Stream.of(
                Arguments.of("heartbeat for host1 on h2's topic", H2, "host1", heartbeat,
                        "HostHeartbeat claims host 'host1' on the reports topic of host 'h2'"),
                Arguments.of("registration for host1 on h2's topic", H2, "host1",
                        registration(RegistrationSource.AGENT),
                        "HostRegistered claims host 'host1' on the reports topic of host 'h2'"),
                Arguments.of("manual registration on a reports topic", H1, "host1", manual,
                        "HostRegistered with source MANUAL on the reports topic of host 'host1'"),
                Arguments.of("status of host1 on h2's topic", H2, "stack-1/web",
                        EventFixtures.containerStatusChanged("web"),
                        "ContainerStatusChanged of container 'web' of stack 'stack-1' claims host 'host1' on the "
                                + "reports topic of host 'h2'"),
                Arguments.of("tombstone for another host", H2, "host1", null,
                        "a tombstone for key 'host1' on the reports topic of host 'h2'"),
                Arguments.of("a stack command on a reports topic", H1, "s", StackStopRequested.newBuilder()
                        .setCommandId("c").setRequestedAt(Instant.EPOCH).setStackId("s").build(),
                        "StackStopRequested on the reports topic of host 'host1'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forged")
    void shouldRefuseAReportClaimingAnotherSource(String name, String topic, String key, Object value, String why) {
        assertThatThrownBy(() -> ReportSource.verify(topic, key, value))
                .isInstanceOf(ReportSource.ForgedReportException.class)
                .hasMessageStartingWith(why);
    }

    @Test
    void shouldAuthenticateTheHostOfItsOwnTopic() {
        assertThat(ReportSource.verify(H1, "host1", EventFixtures.heartbeat())).contains("host1");
        assertThat(ReportSource.verify(H1, "host1", registration(RegistrationSource.AGENT))).contains("host1");
        assertThat(ReportSource.verify(H1, "stack-1/web", EventFixtures.containerStatusChanged("web")))
                .contains("host1");
        assertThat(ReportSource.verify(H1, "host1", null)).contains("host1");
    }

    @Test
    void shouldLeaveOtherTopicsToTheirWriters() {
        // graphium.hosts is written by the orchestrator only: manual registrations are at home there.
        assertThat(ReportSource.verify(Topics.HOSTS.name(), "host1", registration(RegistrationSource.MANUAL)))
                .isEmpty();
        assertThat(ReportSource.verify(H1 + Topic.DEAD_LETTER_SUFFIX, "host1", registration(RegistrationSource.MANUAL)))
                .isEmpty();
    }

    private static HostRegistered registration(RegistrationSource source) {
        return HostRegistered.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH).setHost(EventFixtures.host())
                .setStatus(HostStatus.ACTIVE).setSource(source).build();
    }
}
