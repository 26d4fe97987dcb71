package io.graphium.agent.core;

import io.graphium.admission.ImageReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryLoginsTest {

    static final RegistryCredentials HUB = new RegistryCredentials("index.docker.io", "hub-user", "hub-secret");
    static final RegistryCredentials TEAM = new RegistryCredentials("reg.io:5000", "team", "team-secret");
    static final RegistryCredentials LOCAL = new RegistryCredentials("https://localhost/v2/", "me", "local-secret");
    static final RegistryLogins LOGINS = new RegistryLogins(List.of(HUB, TEAM, LOCAL));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "busybox, docker.io",
            "library/busybox:1, docker.io",
            "graphium/busybox:1, docker.io",
            "docker.io/library/busybox, docker.io",
            "index.docker.io/library/busybox:1, docker.io",
            "reg.io:5000/team/app:1, reg.io:5000",
            "REG.IO:5000/team/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, reg.io:5000",
            "reg.io/team/app, reg.io",
            "localhost/x, localhost",
            "localhost:5000/x:1, localhost:5000",
            "busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, docker.io",
            "team/app:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, docker.io"})
    void theRegistryHostIsDecidedTheWayDockerDoes(String image, String host) {
        assertThat(ImageReference.parse(image).registry()).isEqualTo(host);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "busybox, hub-user",
            "library/busybox:1, hub-user",
            "busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, hub-user",
            "reg.io:5000/team/app:1, team",
            "reg.io:5000/team/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, team",
            "localhost/x, me"})
    void theLoginOfTheImagesRegistryIsUsed(String image, String username) {
        assertThat(LOGINS.forImage(ImageReference.parse(image))).get()
                .extracting(RegistryCredentials::username).isEqualTo(username);
    }

    @Test
    void anImageOfARegistryWithoutLoginIsPulledAnonymously() {
        // Same host, other port: another registry.
        assertThat(LOGINS.forImage(ImageReference.parse("reg.io/team/app:1"))).isEmpty();
        assertThat(LOGINS.forImage(ImageReference.parse("localhost:5000/x"))).isEmpty();
        assertThat(RegistryLogins.none().forImage(ImageReference.parse("busybox"))).isEmpty();
    }

    @Test
    void dockerHubIsAddressedByItsLegacyIndexUrl() {
        assertThat(HUB.serverAddress()).isEqualTo("https://index.docker.io/v1/");
        assertThat(TEAM.serverAddress()).isEqualTo("reg.io:5000");
        assertThat(LOCAL.host()).isEqualTo("localhost");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(TEAM.toString()).contains("reg.io:5000", "team").doesNotContain("team-secret");
        assertThat(LOGINS.toString()).doesNotContain("secret");
    }

    @Test
    void twoLoginsForOneRegistryAreRefused() {
        assertThatThrownBy(() -> new RegistryLogins(List.of(HUB, new RegistryCredentials("docker.io", "b", "c"))))
                .hasMessage("two registry logins for docker.io (index.docker.io and docker.io); keep one");
    }

    @Test
    void anIncompleteLoginIsRefusedWithWhatIsMissing() {
        assertThatThrownBy(() -> new RegistryCredentials(" ", "u", "p")).hasMessageContaining("needs an address");
        assertThatThrownBy(() -> new RegistryCredentials("reg.io", null, "p"))
                .hasMessage("the login for registry reg.io needs a username");
        assertThatThrownBy(() -> new RegistryCredentials("reg.io", "u", ""))
                .hasMessage("the login for registry reg.io needs a password");
    }
}
