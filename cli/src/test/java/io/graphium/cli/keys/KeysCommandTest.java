package io.graphium.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.events.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void newWritesAnOwnerOnlyKeyFileNamedByTheIdItPrints() throws Exception {
        Path keys = dir.resolve("keys");
        CliRun.Result first = CliRun.run("keys", "new", "--dir", keys.toString());
        CliRun.Result second = CliRun.run("keys", "new", "--dir", keys.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        String id = first.out().strip();
        Path file = keys.resolve(id + ".key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        KeyRing ring = KeyRing.load(new KeyRing.Config(null, keys, Map.of(), id));
        assertThat(ring.keyIds()).containsExactlyInAnyOrder(id, second.out().strip());

        CliRun.Result list = CliRun.run("keys", "list", "--dir", keys.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).containsExactlyInAnyOrder(id, second.out().strip());
    }

    @Test
    void listRefusesAKeyFileOthersMayRead() throws Exception {
        String id = CliRun.run("keys", "new", "--dir", dir.toString()).out().strip();
        Files.setPosixFilePermissions(dir.resolve(id + ".key"), PosixFilePermissions.fromString("rw-r--r--"));
        CliRun.Result list = CliRun.run("keys", "list", "--dir", dir.toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("is readable by others (mode rw-r--r--)", "chmod 600");
    }
}
