package io.graphium.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh into a scratch root: the layout the unit expects, safe to repeat, never overwriting the config. */
class InstallScriptTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Path INSTALL = Commands.PACKAGING.resolve("install.sh");

    @TempDir
    Path dir;

    @Test
    void installsLauncherJarOptionsUnitAndConfigWhereTheUnitLooksForThem() throws IOException {
        Path root = dir.resolve("root");
        String output = Commands.succeed(DEADLINE, INSTALL.toString(), "--root", root.toString(), "--jar",
                jar("version 1").toString());

        SystemdUnit unit = SystemdUnit.read(root.resolve("usr/lib/systemd/system/graphium-agent.service"));
        for (String path : unit.value("Service", "ExecStart").split(" ")) {
            String file = path.replaceFirst("^@", "").replaceFirst("^--spring.config.additional-location=file:", "");
            if (file.startsWith("/usr/lib/graphium-agent/") || file.startsWith("/etc/graphium/")) {
                assertThat(root.resolve(file.substring(1))).as("named in ExecStart").isRegularFile();
            }
        }
        assertThat(root.resolve("usr/lib/graphium-agent/graphium-agent")).isExecutable();
        assertThat(root.resolve("usr/lib/graphium-agent/jvm.options")).isRegularFile();
        assertThat(root.resolve("usr/lib/graphium-agent/graphium-agent.jar")).hasContent("version 1");
        assertThat(root.resolve("etc/graphium/agent.properties")).hasSameTextualContentAs(
                Commands.PACKAGING.resolve("agent.properties"));
        assertThat(permissions(root.resolve("etc/graphium/agent.properties"))).isEqualTo("rw-r-----");
        assertThat(permissions(root.resolve("usr/lib/graphium-agent/graphium-agent.jar"))).isEqualTo("rw-r--r--");
        assertThat(output).contains("Next steps", "systemctl enable --now graphium-agent");
    }

    @Test
    void runningAgainUpgradesTheJarAndKeepsTheAdministratorsConfig() throws IOException {
        Path root = dir.resolve("root");
        Commands.succeed(DEADLINE, INSTALL.toString(), "--root", root.toString(), "--jar", jar("version 1").toString());
        Path config = root.resolve("etc/graphium/agent.properties");
        Files.writeString(config, "graphium.agent.host-id=web-01\n");

        String output = Commands.succeed(DEADLINE, INSTALL.toString(), "--root", root.toString(), "--jar",
                jar("version 2").toString(), "--config", Commands.PACKAGING.resolve("agent.properties").toString());

        assertThat(config).hasContent("graphium.agent.host-id=web-01");
        assertThat(root.resolve("usr/lib/graphium-agent/graphium-agent.jar")).hasContent("version 2");
        assertThat(output).contains("kept the existing");
    }

    @Test
    void refusesToInstallWithoutAJar() {
        Commands.Result result = Commands.run(DEADLINE, List.of(INSTALL.toString(), "--root",
                dir.resolve("root").toString(), "--jar", dir.resolve("missing.jar").toString()));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("no agent jar");
        assertThat(dir.resolve("root")).doesNotExist();
    }

    private Path jar(String content) throws IOException {
        Path jar = dir.resolve("agent-" + content.replace(' ', '-') + ".jar");
        Files.writeString(jar, content);
        return jar;
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
