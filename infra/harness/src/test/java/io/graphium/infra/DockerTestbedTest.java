package io.graphium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Acceptance check of {@code infra/bin/testbed}: three simulated Docker hosts behave like machines on one LAN, and
 * {@code down} leaves nothing behind.
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
class DockerTestbedTest {

    private static final String BUSYBOX = "graphium/busybox:1";
    private static final Duration REACH_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void hostsTalkLikeMachinesOnOneLanAndDownLeavesNothing() throws Exception {
        long start = System.nanoTime();
        DockerTestbed testbed = DockerTestbed.up(3);
        long upMillis = millisSince(start);
        Path stateDir = testbed.stateDir();
        try {
            long downMillis;
            try {
                useTheHosts(testbed, stateDir);
            } finally {
                long downStart = System.nanoTime();
                testbed.down();
                downMillis = millisSince(downStart);
            }
            System.out.printf("[DockerTestbedTest] testbed up 3 hosts: %d ms, down: %d ms%n", upMillis, downMillis);
            // still inside the session: nobody else can have started a testbed meanwhile
            assertNothingLeft(stateDir);
            testbed.down(); // idempotent
        } finally {
            testbed.close();
        }
    }

    private void useTheHosts(DockerTestbed testbed, Path stateDir) throws Exception {
        assertThat(testbed.hosts()).extracting(TestbedHost::name).containsExactly("h1", "h2", "h3");
        assertThat(testbed.hosts()).extracting(TestbedHost::ipAddress)
                .containsExactly("10.213.0.11", "10.213.0.12", "10.213.0.13");
        assertThat(testbed.host(2).dockerHost()).isEqualTo("unix://" + stateDir.resolve("h2/docker.sock"));
        for (TestbedHost host : testbed.hosts()) {
            assertThat(host.dockerSocket()).exists();
        }
        testbed.removeAllContainers(); // up keeps healthy hosts, with whatever an earlier run left on them

        TestbedHost h1 = testbed.host(1);
        TestbedHost h2 = testbed.host(2);
        TestbedHost h3 = testbed.host(3);
        String page = "graphium page " + run;

        // the same host port 8080 on h1, h2 and h3 at once: they are separate machines
        startWebServer(h1, page + " from h1");
        startWebServer(h2, page + " from h2");
        startWebServer(h3, page + " from h3");
        String client = "client-" + run;
        assertOk(h1.docker("run", "-d", "--init", "--name", client, BUSYBOX, "sleep", "600"));

        // a container on h1 fetches the page h2 publishes on its address, like between real machines
        await("h1 container reaches 10.213.0.12:8080").atMost(REACH_DEADLINE).pollInterval(POLL)
                .untilAsserted(() -> assertThat(fetchFrom(h1, client, "http://10.213.0.12:8080/"))
                        .contains(page + " from h2"));
        await("h1 container reaches 10.213.0.13:8080").atMost(REACH_DEADLINE).pollInterval(POLL)
                .untilAsserted(() -> assertThat(fetchFrom(h1, client, "http://10.213.0.13:8080/"))
                        .contains(page + " from h3"));
        // and the root namespace (where a broker would run) reaches h1's and h3's port 8080
        await("root namespace reaches 10.213.0.11:8080").atMost(REACH_DEADLINE).pollInterval(POLL)
                .untilAsserted(() -> assertThat(get("http://10.213.0.11:8080/")).contains(page + " from h1"));
        assertThat(get("http://10.213.0.13:8080/")).contains(page + " from h3");

        // a container on a host reaches a service listening on the gateway address in the root namespace
        HttpServer server = HttpServer.create(new InetSocketAddress(testbed.gatewayAddress(), 0), 0);
        byte[] rootPage = ("root namespace " + run).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, rootPage.length);
            exchange.getResponseBody().write(rootPage);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://" + testbed.gatewayAddress() + ":" + server.getAddress().getPort() + "/";
            await("h1 container reaches the root namespace").atMost(REACH_DEADLINE).pollInterval(POLL)
                    .untilAsserted(() -> assertThat(fetchFrom(h1, client, url)).contains("root namespace " + run));
        } finally {
            server.stop(0);
        }

        // a process started in h3's namespace sees h3's address and gets its DOCKER_HOST
        assertThat(runProcess(h3.inNamespace("ip", "-4", "-o", "addr", "show", "dev", "eth0")))
                .contains("10.213.0.13/24");
        assertThat(runProcess(h3.inNamespace("sh", "-c", "echo $GRAPHIUM_HOST_NAME $GRAPHIUM_HOST_IP $DOCKER_HOST")))
                .contains("h3 10.213.0.13 " + h3.dockerHost());
    }

    private void startWebServer(TestbedHost host, String content) {
        assertOk(host.docker("run", "-d", "--init", "--name", "web-" + run, "-p", "8080:80", BUSYBOX,
                "sh", "-c", "echo '" + content + "' > /www/index.html && exec httpd -f -p 80 -h /www"));
    }

    /** busybox {@code wget -T} segfaults, so the deadline of one attempt is {@code timeout}. */
    private static String fetchFrom(TestbedHost host, String container, String url) {
        InfraScript.Result result = host.docker(Duration.ofSeconds(30),
                "exec", container, "timeout", "5", "wget", "-qO-", url);
        assertThat(result.exitCode()).as("wget %s on %s: %s", url, host.name(), result.stderr()).isZero();
        return result.stdout();
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String runProcess(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("graphium-testbed-test", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 30 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s: %s", command, text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void assertOk(InfraScript.Result result) {
        assertThat(result.exitCode()).as("docker: %s%s", result.stdout(), result.stderr()).isZero();
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    private static void assertNothingLeft(Path stateDir) throws IOException, InterruptedException {
        String prefix = stateDir + "/";

        assertThat(runProcess(List.of("ip", "netns", "list")).lines())
                .as("network namespaces after down").noneMatch(line -> line.startsWith("graphium-"));

        List<String> processes = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String commandLine;
                try {
                    commandLine = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (commandLine.contains(prefix)) { // dockerd, containerd, shims, docker-proxy of the testbed
                    processes.add(proc.getFileName() + ": " + commandLine);
                }
            }
        }
        assertThat(processes).as("processes mentioning %s after down", stateDir).isEmpty();

        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4].replace("\\040", " ");
            if (mountPoint.equals(stateDir.toString()) || mountPoint.startsWith(prefix)
                    || mountPoint.startsWith("/run/netns/graphium-")) {
                mounts.add(mountPoint);
            }
        }
        assertThat(mounts).as("mounts under %s after down", stateDir).isEmpty();

        // containers: no daemon data and no container cgroup is left
        for (int k = 1; k <= 3; k++) {
            assertThat(stateDir.resolve("h" + k)).as("data of h%d after down", k).doesNotExist();
        }
        List<Path> cgroups = new ArrayList<>();
        try (DirectoryStream<Path> controllers = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path controller : controllers) {
                if (Files.isDirectory(controller)) {
                    try (DirectoryStream<Path> groups = Files.newDirectoryStream(controller, "graphium-h*")) {
                        groups.forEach(cgroups::add);
                    }
                }
            }
        }
        assertThat(cgroups).as("container cgroups after down").isEmpty();
    }
}
