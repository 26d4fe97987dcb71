package io.graphium.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs and Python modules a test needs from the machine (all listed in {@code .ci/machine-requirements}, which
 * {@code .ci/run} installs and checks). Missing on a developer machine: the test is skipped with a message naming the
 * Debian package; missing with {@code GRAPHIUM_REQUIRE_INFRA=true} (CI): the test fails, so CI never passes by
 * skipping.
 */
public final class MachineTools {

    /** Debian's python, where Debian's python3-* modules are installed (the python3 first on PATH may be another). */
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private MachineTools() {
    }

    /** Requires the executable {@code tool} (an absolute path) from Debian package {@code debianPackage}. */
    public static Path requireExecutable(Path tool, String debianPackage) {
        require(Files.isExecutable(tool), tool + " (Debian package " + debianPackage + ")");
        return tool;
    }

    /** Requires that Debian's python imports {@code module}, from Debian package {@code debianPackage}. */
    public static Path requirePythonModule(String module, String debianPackage) {
        require(Files.isExecutable(DEBIAN_PYTHON) && imports(module), "the python module " + module + " for "
                + DEBIAN_PYTHON + " (Debian package " + debianPackage + ")");
        return DEBIAN_PYTHON;
    }

    private static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = "this test needs " + what + "; .ci/run installs everything in .ci/machine-requirements";
        if ("true".equalsIgnoreCase(System.getenv(InfraCondition.REQUIRE_ENV))) {
            throw new IllegalStateException(InfraCondition.REQUIRE_ENV + "=true and " + message);
        }
        System.err.println("\n*** SKIPPED (missing on this machine): " + message + " ***\n");
        Assumptions.assumeTrue(false, "SKIPPED: " + message);
    }

    private static boolean imports(String module) {
        try {
            Process python = new ProcessBuilder(DEBIAN_PYTHON.toString(), "-c", "import " + module)
                    .redirectErrorStream(true).start();
            python.getInputStream().readAllBytes();
            return python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
