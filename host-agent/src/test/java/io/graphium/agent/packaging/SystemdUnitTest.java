package io.graphium.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import io.graphium.infra.MachineTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's systemd unit: valid for systemd, and it keeps the promises the operations guide makes. */
class SystemdUnitTest {

    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Path UNIT = Commands.PACKAGING.resolve("graphium-agent.service");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String LAUNCHER = "/usr/lib/graphium-agent/graphium-agent";

    @Test
    void systemdAcceptsTheUnitWithoutAWarning(@TempDir Path dir) throws IOException {
        MachineTools.requireExecutable(SYSTEMD_ANALYZE, "systemd");
        Commands.Result verified = verify(withLauncherFromTheSources(Files.readString(UNIT), dir));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output().lines().filter(line -> line.contains("graphium-agent.service"))).isEmpty();
    }

    @Test
    void verificationWouldCatchAMistakeInTheUnit(@TempDir Path dir) throws IOException {
        MachineTools.requireExecutable(SYSTEMD_ANALYZE, "systemd");
        String typo = Files.readString(UNIT).replace("Restart=always", "Restart=allways");
        Path broken = withLauncherFromTheSources(typo, dir);
        assertThat(verify(broken).output()).contains("graphium-agent.service:", "allways");
    }

    @Test
    void runsTheInstalledJarWithTheConfigFileAndRestartsAlways() {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.value("Service", "ExecStart")).startsWith(LAUNCHER + " ")
                .endsWith("--spring.config.additional-location=file:/etc/graphium/agent.properties");
        assertThat(unit.value("Service", "Restart")).isEqualTo("always");
        assertThat(unit.value("Service", "SuccessExitStatus")).isEqualTo("143");
        assertThat(unit.value("Install", "WantedBy")).isEqualTo("multi-user.target");
        assertThat(unit.value("Unit", "After")).contains("docker.service", "network-online.target");
    }

    @Test
    void runsAsItsOwnUserWhoMayUseOnlyTheDockerSocket() {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.value("Service", "User")).isEqualTo("graphium-agent");
        assertThat(unit.value("Service", "SupplementaryGroups")).isEqualTo("docker");
        assertThat(unit.value("Service", "CapabilityBoundingSet")).isEmpty();
        assertThat(unit.value("Service", "RestrictAddressFamilies").split(" "))
                .containsExactlyInAnyOrder("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK");
    }

    @Test
    void isHardenedWithOnlyItsStateDirectoryWritable() {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        for (String key : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices",
                "ProtectKernelTunables", "ProtectKernelModules", "ProtectControlGroups", "RestrictSUIDSGID",
                "LockPersonality")) {
            assertThat(unit.value("Service", key)).as(key).isEqualTo("yes");
        }
        assertThat(unit.value("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service", "StateDirectory")).isEqualTo("graphium-agent");
        // The JIT needs writable executable memory.
        assertThat(unit.value("Service", "MemoryDenyWriteExecute")).isNull();
    }

    @Test
    void hasAMemoryCeiling() {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.value("Service", "MemoryMax")).matches("\\d+M");
        assertThat(unit.value("Service", "MemoryHigh")).matches("\\d+M");
    }

    /** systemd checks that ExecStart exists: point it at the launcher's source (install.sh puts it in place). */
    private static Path withLauncherFromTheSources(String unit, Path dir) throws IOException {
        assertThat(unit).contains("ExecStart=" + LAUNCHER + " ");
        return Files.writeString(dir.resolve("graphium-agent.service"),
                unit.replace("ExecStart=" + LAUNCHER, "ExecStart=" + Commands.PACKAGING.resolve("graphium-agent")));
    }

    private static Commands.Result verify(Path unit) {
        // --man=no: the unit's Documentation= points at a file, not at a man page to look up.
        return Commands.run(DEADLINE, List.of("systemd-analyze", "verify", "--man=no", unit.toString()));
    }
}
