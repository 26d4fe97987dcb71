package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.infra.MachineTools;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live dashboard in a real browser (Debian's headless Chromium through ChromeDriver) against the real system: a
 * broker, the registry, placement service, orchestrator and one host agent on a testbed host. A stack deployed through
 * the REST API appears on the open page and turns RUNNING there without a reload, whichever way the page gets its
 * updates (the orchestrator's event stream, or polling the REST API while the stream is unavailable).
 */
@RequiresInfra(RequiresInfra.Capability.TESTBED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSystemTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(2);
    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);

    private TestbedHost host;
    private TestSystem system;
    private OrchestratorApi api;
    private String orchestratorUrl;
    private Path browserProfile;
    private WebDriver browser;

    @BeforeAll
    void startTheSystemAndTheBrowser() throws IOException {
        requireBrowser();
        system = TestSystem.start(1, "dc-dashboard");
        host = system.testbed.hosts().get(0);
        api = system.api();
        orchestratorUrl = api.baseUrl();
        browserProfile = Files.createTempDirectory("graphium-dashboard-chromium-");
        browser = headlessChromium(browserProfile);
    }

    @AfterAll
    void stopEverything() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (browserProfile != null) {
            try (Stream<Path> files = Files.walk(browserProfile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aStackDeployedThroughTheApiAppearsAndTurnsRunningWithoutAReload() throws Exception {
        browser.get(orchestratorUrl + "/");
        assertThat(browser.getTitle()).isEqualTo("Graphium dashboard");
        // Without a token the page asks for one (the API answers 401); the user pastes it, the page connects.
        await("the token prompt").atMost(PAGE_DEADLINE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> browser.findElement(By.id("token-input")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(TestSystem.TOKEN.token());
        browser.findElement(By.id("token-submit")).click();
        String loadId = loadId();
        await("host " + host.name() + " listed as ACTIVE").atMost(PAGE_DEADLINE)
                .ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> text("tr[data-host-id='" + host.name() + "'] .host-status"), "ACTIVE"::equals);
        assertThat(text("tr[data-host-id='" + host.name() + "']")).contains("dc-dashboard", host.ipAddress());

        String stackId = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        long requested = System.nanoTime();
        HttpResponse<String> accepted = api.deploy(OrchestratorApi.webStack(stackId, 9080));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        String row = "tr[data-stack-id='" + stackId + "']";
        await(stackId + " RUNNING on the page").atMost(DEPLOY_DEADLINE).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(WebDriverException.class) // not rendered yet, or re-rendered
                .until(() -> {
                    String status = text(row + " .stack-status");
                    if (status.startsWith("FAILED")) {
                        throw new AssertionError(stackId + " FAILED on the page: " + api.stack(stackId));
                    }
                    return status.equals("RUNNING");
                });
        long onPage = (System.nanoTime() - requested) / 1_000_000;

        assertThat(text(row)).as("the stack's row: its container, host and endpoint")
                .contains("web", host.name(), "RUNNING", host.ipAddress() + ":9080");
        await("the event feed mentions " + stackId).atMost(PAGE_DEADLINE)
                .until(() -> text("#events"), feed -> feed.contains(stackId));
        assertThat(loadId()).as("the page was not reloaded").isEqualTo(loadId);
        assertThat(api.stack(stackId)).contains("\"status\":\"RUNNING\"");
        System.out.printf("%nMEASURED dashboard: request to RUNNING on the page %d ms (updates by: %s)%n%n", onPage,
                ((JavascriptExecutor) browser).executeScript("return window.graphiumDashboard.mode()"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String loadId() {
        Object id = ((JavascriptExecutor) browser).executeScript("return window.graphiumDashboard.loadId");
        assertThat(id).as("the dashboard script ran").isNotNull();
        return id.toString();
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    /** The containers Graphium started on the host (by its label), nothing else. */
    static void removeManagedContainers(TestbedHost host) {
        List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
        host.docker("ps", "-aq", "--filter", "label=io.graphium.managed=true").stdout().lines().map(String::strip)
                .filter(id -> !id.isEmpty()).forEach(rm::add);
        if (rm.size() > 3) {
            host.docker(rm.toArray(String[]::new));
        }
    }

    private static WebDriver headlessChromium(Path profile) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Skipped without Debian's chromium and chromium-driver, like {@link RequiresInfra}; failed under CI. */
    private static void requireBrowser() {
        MachineTools.requireExecutable(CHROMIUM, "chromium");
        MachineTools.requireExecutable(CHROMEDRIVER, "chromium-driver");
    }
}
