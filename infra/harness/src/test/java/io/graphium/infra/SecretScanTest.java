package io.graphium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    private static final String SECRET = "hunter2-very-secret?>";

    @Test
    void findsTheClearValueAndItsBase64AtEveryAlignmentInsideLongerText() {
        for (String prefix : new String[] {"", "a", "ab", "abc", "{\"x\":"}) {
            for (String suffix : new String[] {"", "z", "zz", "}"}) {
                byte[] wrapped = (prefix + SECRET + suffix).getBytes(StandardCharsets.UTF_8);
                String standard = Base64.getEncoder().encodeToString(wrapped);
                String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(wrapped);
                assertThat(SecretScan.forValues(SECRET).text("standard", standard).findings())
                        .as(prefix + "|" + suffix).isNotEmpty();
                assertThat(SecretScan.forValues(SECRET).text("url", urlSafe).findings())
                        .as(prefix + "|" + suffix).isNotEmpty();
            }
        }
        assertThat(SecretScan.forValues(SECRET).text("clear", "log line " + SECRET + " end").findings())
                .singleElement().satisfies(f -> assertThat(f.form()).startsWith("clear"));
    }

    @Test
    void findsNothingInUnrelatedTextAndNeverPrintsTheValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("service.log"), "INFO started\nDB_PASSWORD=[secret]\n");
        SecretScan scan = SecretScan.forValues(SECRET).files(dir).text("response", "{\"status\":\"RUNNING\"}");
        assertThat(scan.findings()).isEmpty();
        assertThat(scan.counts()).containsEntry("files", 1L).containsEntry("texts", 1L);
        Files.writeString(dir.resolve("leak.log"), "oops " + SECRET);
        SecretScan leaked = SecretScan.forValues(SECRET).files(dir);
        assertThat(leaked.findings()).singleElement().satisfies(f -> assertThat(f.where()).contains("leak.log"));
        assertThat(leaked.report()).doesNotContain(SECRET).contains("hu…");
    }

    @Test
    void refusesValuesTooShortToScanFor() {
        assertThatThrownBy(() -> SecretScan.forValues("abc")).hasMessageContaining("at least 6 bytes");
    }
}
