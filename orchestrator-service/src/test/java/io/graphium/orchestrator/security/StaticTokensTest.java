package io.graphium.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static tokens: only hashes are stored; the file is read again when it changes; a bad line is named. */
class StaticTokensTest {

    @TempDir
    Path dir;

    @Test
    void acceptsTheTokensWhoseHashIsConfiguredAndNothingElse() {
        String token = StaticTokens.newToken();
        StaticTokens tokens = new StaticTokens(List.of(StaticTokens.line("ci", Role.DEPLOY, token)), null);

        assertThat(token).matches("gph_[A-Za-z0-9_-]{43}");
        assertThat(tokens.authenticate(token)).hasValueSatisfying(e -> {
            assertThat(e.name()).isEqualTo("ci");
            assertThat(e.role()).isEqualTo(Role.DEPLOY);
        });
        assertThat(tokens.authenticate(StaticTokens.newToken())).isEmpty();
        assertThat(tokens.authenticate(token + "x")).isEmpty();
        assertThat(StaticTokens.line("ci", Role.DEPLOY, token)).doesNotContain(token.substring(4));
    }

    @Test
    void theFileIsReadAgainWhenItChanges() throws Exception {
        String first = StaticTokens.newToken();
        String second = StaticTokens.newToken();
        Path file = Files.writeString(dir.resolve("tokens"), "# ops\n" + StaticTokens.line("a", Role.READ, first)
                + "\n");
        StaticTokens tokens = new StaticTokens(List.of(), file);
        assertThat(tokens.authenticate(first)).isPresent();

        Files.writeString(file, StaticTokens.line("b", Role.ADMIN, second) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(tokens.authenticate(second)).hasValueSatisfying(e -> assertThat(e.role()).isEqualTo(Role.ADMIN));
        assertThat(tokens.authenticate(first)).as("revoked by removing its line").isEmpty();

        Files.writeString(file, "broken line\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(tokens.authenticate(second)).as("a broken file keeps the last good set").isPresent();
    }

    @Test
    void aBadLineIsNamedAndAClearTokenIsRefused() {
        String token = StaticTokens.newToken();
        assertThatThrownBy(() -> new StaticTokens(List.of(token), null)).hasMessageContaining(
                "graphium.security.tokens line 1").hasMessageContaining("clear token");
        assertThatThrownBy(() -> new StaticTokens(List.of("ci root sha256:" + "0".repeat(64)), null))
                .hasMessageContaining("role 'root' is not one of read, deploy, admin");
        assertThatThrownBy(() -> new StaticTokens(List.of("ci read md5:abc"), null))
                .hasMessageContaining("sha256:");
        assertThatThrownBy(() -> new StaticTokens(List.of(), dir.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void rolesImplyTheWeakerOnes() {
        assertThat(Role.ADMIN.grants()).extracting(Object::toString)
                .containsExactly("ROLE_read", "ROLE_deploy", "ROLE_admin");
        assertThat(Role.READ.grants()).extracting(Object::toString).containsExactly("ROLE_read");
    }
}
