package io.graphium.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** The failures of a publish a caller can act on are told apart (413, 503); the rest propagate. */
class PublishingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);

    @Test
    void aRefusalByTheBrokersAclsIsUnavailableAndNamesTheTopic() {
        assertThatThrownBy(() -> Publishing.await(() -> CompletableFuture.failedFuture(
                new TopicAuthorizationException(Set.of("graphium.stack.commands"))), DEADLINE))
                .isInstanceOf(Publishing.Unavailable.class)
                .hasMessageContaining("graphium.stack.commands").hasMessageContaining("graphium acl print");
    }

    @Test
    void refusedCredentialsAreUnavailable() {
        assertThatThrownBy(() -> Publishing.await(() -> CompletableFuture.failedFuture(
                new SaslAuthenticationException("Authentication failed")), DEADLINE))
                .isInstanceOf(Publishing.Unavailable.class).hasMessageContaining("Authentication failed");
    }

    @Test
    void anEventTooLargeIsTooLargeAndABugPropagates() {
        assertThatThrownBy(() -> Publishing.await(() -> CompletableFuture.failedFuture(
                new RecordTooLargeException("1048588 bytes")), DEADLINE)).isInstanceOf(Publishing.TooLarge.class);
        assertThatThrownBy(() -> Publishing.await(() -> CompletableFuture.failedFuture(
                new IllegalArgumentException("bug")), DEADLINE)).isInstanceOf(IllegalArgumentException.class);
    }
}
