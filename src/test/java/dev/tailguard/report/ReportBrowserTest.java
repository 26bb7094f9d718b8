package dev.tailguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.store.LocalObjectStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import dev.tailguard.core.gate.GateSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The verdict-first {@code index.html} of a real pipeline run, opened in Debian's headless Chromium (the same driver
 * set-up as the reviewer-page test): the verdict block is the first content and says one of the three answers with
 * its reasons; the examples show seed and synthetic side by side; the gates table explains every gate and marks
 * pass/fail; the page fetched nothing but itself. Saves {@code target/report-screenshot.png} (full page) and
 * {@code target/report-screenshot-top.png} (first screen).
 *
 * <p>Input: {@code samples/sotu-sample.jsonl}, or the JSONL file named by the system property
 * {@code tailguard.report.browser.input} (e.g. {@code ../shared/data/sotu.jsonl} for the screenshot). Skipped,
 * with the reason printed, only when Chromium or chromedriver is not installed ({@code .ci/install-browser.sh}
 * installs both).
 */
class ReportBrowserTest {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void theReportOfARealRunLeadsWithItsVerdict() throws Exception {
        boolean browser = new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute();
        if (!browser) {
            System.out.println("ReportBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " not installed (run .ci/install-browser.sh)");
        }
        Assumptions.assumeTrue(browser, "chromium/chromedriver not installed");

        Path input = Path.of(System.getProperty("tailguard.report.browser.input", "samples/sotu-sample.jsonl"))
                .toAbsolutePath();
        Path out = Path.of("target/report-browser").toAbsolutePath();
        deleteTree(out);
        RunConfig d = RunConfig.defaults(42);
        RunConfig cfg = new RunConfig(d.seed(), d.syntheticRatio(), d.generator(), d.order(), d.temperature(), d.topK(),
                d.blendStrategy(), d.minRealFraction(), d.shardSize(), d.maxLineBytes(), d.compression(),
                d.maxSyntheticTokens(), deploymentGates());
        RunReported done = Pipeline.run(new RunRequested("browser-report", List.of(input.toString()), cfg),
                new LocalObjectStore(out));
        assertThat(done.status()).isEqualTo("succeeded");
        Path html = out.resolve("runs/browser-report/report/index.html");
        assertThat(html).exists();

        Path profile = Files.createTempDirectory("tailguard-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        WebDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.get(html.toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) driver;

            WebElement first = (WebElement) js.executeScript("return document.body.firstElementChild;");
            assertThat(first.getAttribute("id")).as("first element of the body").isEqualTo("verdict");
            WebElement verdict = driver.findElement(By.id("verdict"));
            assertThat(verdict.isDisplayed()).isTrue();
            assertThat(verdict.getLocation().getY()).as("verdict at the top of the page").isLessThan(100);
            String answer = verdict.findElement(By.cssSelector("h1")).getText().toLowerCase(java.util.Locale.ROOT);
            assertThat(answer).isIn("train on it", "review first", "do not train");
            assertThat(verdict.getAttribute("data-verdict")).isIn("train", "review", "do_not_train");
            if (!"train on it".equals(answer)) {
                assertThat(verdict.findElements(By.cssSelector(".reasons li"))).as("reasons of " + answer).isNotEmpty();
            }
            assertThat(verdict.getText()).contains("Collapse risk:");

            List<WebElement> pairs = driver.findElements(By.cssSelector("#examples .pair"));
            assertThat(pairs).as("side-by-side examples").isNotEmpty();
            for (WebElement p : pairs) {
                assertThat(p.findElements(By.cssSelector(".doc.seed"))).hasSize(1);
                assertThat(p.findElements(By.cssSelector(".doc.synthetic"))).hasSize(1);
                WebElement seed = p.findElement(By.cssSelector(".doc.seed"));
                WebElement syn = p.findElement(By.cssSelector(".doc.synthetic"));
                assertThat(seed.getLocation().getX()).as("seed left of synthetic").isLessThan(syn.getLocation().getX());
                assertThat(syn.getText()).isNotBlank();
            }

            List<WebElement> gates = driver.findElements(By.cssSelector("#gates-table tbody tr"));
            assertThat(gates).as("gate rows").isNotEmpty();
            for (WebElement row : gates) {
                List<WebElement> cells = row.findElements(By.tagName("td"));
                assertThat(cells).hasSize(8);
                assertThat(cells.get(1).getText()).as("what it measures").isNotBlank();
                assertThat(cells.get(2).getText()).as("why it matters").isNotBlank();
                assertThat(cells.get(7).getText()).as("source").isNotBlank();
                String result = cells.get(5).getText();
                assertThat(result).isIn("pass", "FAIL");
                assertThat(row.getAttribute("class")).isEqualTo("FAIL".equals(result) ? "fail" : "pass");
            }
            assertThat(driver.findElements(By.cssSelector("#lineage svg"))).as("lineage plots").isNotEmpty();

            Number resources = (Number) js.executeScript(
                    "return performance.getEntriesByType('resource').length;");
            assertThat(resources.longValue()).as("requests besides the page itself").isZero();
            assertThat(driver.findElements(By.cssSelector("script, link, img[src], iframe, object, embed")))
                    .as("no element that loads anything").isEmpty();

            screenshot(driver, Path.of("target/report-screenshot-top.png"));
            Number height = (Number) js.executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400,
                    Math.min(12000, Math.max(1000, height.intValue() + 40))));
            screenshot(driver, Path.of("target/report-screenshot.png"));
        } finally {
            driver.quit();
            service.stop();
            deleteTree(profile);
        }
        assertThat(Path.of("target/report-screenshot.png")).isNotEmptyFile();
    }

    /** The gates of the shipped {@code application.properties} (the deployment's defaults). */
    static List<GateSpec> deploymentGates() throws Exception {
        Properties props = new Properties();
        try (var in = ReportBrowserTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            props.load(in);
        }
        Map<String, Map<String, String>> byGate = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith("tailguard.gates.")) {
                String[] parts = k.substring("tailguard.gates.".length()).split("\\.");
                byGate.computeIfAbsent(parts[0] + "." + parts[1], x -> new TreeMap<>()).put(parts[2], props.getProperty(k));
            }
        }
        List<GateSpec> out = new ArrayList<>();
        byGate.forEach((gate, v) -> out.add(new GateSpec(gate.split("\\.")[0], gate.split("\\.")[1],
                v.containsKey("min") ? Double.valueOf(v.get("min")) : null,
                v.containsKey("max") ? Double.valueOf(v.get("max")) : null, v.getOrDefault("on-fail", "quarantine"))));
        assertThat(out).as("gates in application.properties").isNotEmpty();
        return out;
    }

    private static void screenshot(WebDriver driver, Path target) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
