package io.graphium.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Normal forms that cannot be walked out of, prefixes on component boundaries, symbolic links resolved. */
class HostPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            /,                           /
            //,                          /
            /srv/data,                   /srv/data
            /srv/data/,                  /srv/data
            /srv//data/./x,              /srv/data/x
            /srv/data/../../etc,         /etc
            /srv/data/../../../../..,    /
            /..,                         /
            /var/run/../../run/docker.sock, /run/docker.sock
            /srv/./data/.../x,           /srv/data/.../x
            """)
    void normalizes(String written, String normal) {
        assertThat(HostPath.of(written).value()).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "srv/data", "./srv", "~/data", "C:\\data"})
    void refusesRelativePaths(String written) {
        assertThatThrownBy(() -> HostPath.of(written)).hasMessageContaining("is not an absolute path");
    }

    @Test
    void refusesNul() {
        assertThatThrownBy(() -> HostPath.of("/srv/a\0b")).hasMessageContaining("NUL");
    }

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource(textBlock = """
            /srv/data,        /srv/data,  true
            /srv/data/x/y,    /srv/data,  true
            /srv/data2,       /srv/data,  false
            /srv/dat,         /srv/data,  false
            /srv,             /srv/data,  false
            /anything,        /,          true
            /,                /,          true
            /,                /srv,       false
            """)
    void prefixesMatchOnComponentBoundaries(String path, String prefix, boolean within) {
        assertThat(HostPath.of(path).isWithin(HostPath.of(prefix))).isEqualTo(within);
    }

    @Test
    void theFilesystemResolverFollowsSymbolicLinks(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Files.createSymbolicLink(allowed.resolve("root"), Path.of("/"));
        Files.createSymbolicLink(allowed.resolve("dangling"), Path.of("/var/run/docker.sock.missing"));
        Files.createDirectories(allowed.resolve("real"));
        String base = allowed.toRealPath().toString();

        assertThat(HostPathResolver.FILESYSTEM.resolve(HostPath.of(base + "/root"))).isEqualTo(HostPath.ROOT);
        assertThat(HostPathResolver.FILESYSTEM.resolve(HostPath.of(base + "/root/etc/not-there")))
                .isEqualTo(HostPath.of("/etc/not-there"));
        assertThat(HostPathResolver.FILESYSTEM.resolve(HostPath.of(base + "/real/new/dir")))
                .isEqualTo(HostPath.of(base + "/real/new/dir"));
        assertThat(HostPathResolver.FILESYSTEM.resolve(HostPath.of(base + "/dangling")))
                .isEqualTo(HostPath.of("/var/run/docker.sock.missing"));
        assertThat(HostPathResolver.LEXICAL.resolve(HostPath.of(base + "/root"))).isEqualTo(HostPath.of(base + "/root"));
    }
}
