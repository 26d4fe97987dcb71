package io.graphium.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import io.graphium.infra.MachineTools;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build made (target/graphium-agent_<version>_all.deb), installed with dpkg into a scratch
 * root: its files, its conffile, its maintainer scripts, an upgrade and a purge. Maintainer scripts run outside a
 * chroot with DPKG_ROOT set (dpkg's --force-script-chrootless), the way they are written to work.
 */
class DebianPackageIT {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String CONFIG = "etc/graphium/agent.properties";

    @TempDir
    Path root;
    private Path deb;

    @BeforeEach
    void scratchRoot() throws IOException {
        MachineTools.requireExecutable(Path.of("/usr/bin/dpkg"), "dpkg");
        deb = Path.of(System.getProperty("graphium.agent.deb", "target/graphium-agent_0.1.0_all.deb"));
        assertThat(deb).as("built by the package phase where dpkg-deb exists").isRegularFile();
        for (String dir : new String[] {"info", "updates", "triggers"}) {
            Files.createDirectories(root.resolve("var/lib/dpkg").resolve(dir));
        }
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createFile(root.resolve("var/lib/dpkg/available"));
    }

    @Test
    void describesItselfAsAnArchitectureIndependentPackageNeedingJava17() {
        String control = Commands.succeed(DEADLINE, "dpkg-deb", "--field", deb.toString());
        assertThat(control).contains("Package: graphium-agent", "Architecture: all",
                "Depends: openjdk-17-jre-headless | java17-runtime-headless");
        assertThat(Commands.succeed(DEADLINE, "dpkg-deb", "--info", deb.toString()))
                .contains("postinst", "prerm", "postrm", "conffiles");
    }

    @Test
    void installsTheAgentItsUnitAndAConfigFileThatDpkgWillNotOverwrite() throws IOException {
        dpkg("-i", deb.toString());

        assertThat(Commands.succeed(DEADLINE, "dpkg", "--root=" + root, "-s", "graphium-agent"))
                .contains("Status: install ok installed");
        Path jar = root.resolve("usr/lib/graphium-agent/graphium-agent.jar");
        assertThat(Files.size(jar)).isEqualTo(Files.size(Path.of(System.getProperty("graphium.agent.jar",
                "target/host-agent-0.1.0.jar"))));
        assertThat(root.resolve("usr/lib/graphium-agent/graphium-agent")).isExecutable();
        assertThat(root.resolve("usr/lib/graphium-agent/jvm.options")).hasSameTextualContentAs(
                Commands.PACKAGING.resolve("jvm.options"));
        assertThat(root.resolve("usr/lib/systemd/system/graphium-agent.service")).hasSameTextualContentAs(
                Commands.PACKAGING.resolve("graphium-agent.service"));
        assertThat(Files.readString(root.resolve("var/lib/dpkg/info/graphium-agent.conffiles")).strip())
                .isEqualTo("/" + CONFIG);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(CONFIG))))
                .isEqualTo("rw-r-----");
        assertThat(root.resolve("usr/share/doc/graphium-agent/operations.md")).isRegularFile();
    }

    @Test
    void anUpgradeKeepsTheEditedConfigAndAPurgeRemovesEverything() throws IOException {
        dpkg("-i", deb.toString());
        Files.writeString(root.resolve(CONFIG), "graphium.agent.host-id=web-01\n");
        Files.createDirectories(root.resolve("var/lib/graphium-agent"));

        dpkg("--force-confold", "-i", deb.toString());
        assertThat(root.resolve(CONFIG)).hasContent("graphium.agent.host-id=web-01");

        dpkg("--purge", "graphium-agent");
        assertThat(root.resolve(CONFIG)).doesNotExist();
        assertThat(root.resolve("usr/lib/graphium-agent/graphium-agent.jar")).doesNotExist();
        assertThat(root.resolve("var/lib/graphium-agent")).as("state removed by postrm purge").doesNotExist();
    }

    private void dpkg(String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "dpkg";
        command[1] = "--root=" + root;
        command[2] = "--log=/dev/null";
        // Java and passwd are not in the scratch root; the scripts run with DPKG_ROOT instead of in a chroot.
        command[3] = "--force-depends";
        command[4] = "--force-script-chrootless";
        System.arraycopy(args, 0, command, 5, args.length);
        Commands.succeed(DEADLINE, command);
    }
}
