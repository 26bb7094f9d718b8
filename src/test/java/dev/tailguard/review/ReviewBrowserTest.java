package dev.tailguard.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.function.Dispatcher;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.review.BatchStatus;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.PipelineFunctions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in Debian's headless Chromium (installed by {@code .ci/install-browser.sh}): a run pauses for review,
 * a reviewer signs in on the page, opens the batch, approves it, and sees the run continue to its report.
 * Writes {@code target/review-screenshot.png} and the measured browser time to {@code target/review-browser-time.txt}.
 */
@QuarkusTest
@TestProfile(ReviewTestProfile.class)
class ReviewBrowserTest {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    @TestHTTPResource("/review/")
    URL page;
    @Inject
    Dispatcher dispatcher;
    @Inject
    PipelineFunctions functions;
    @Inject
    ReviewQueue queue;
    @Inject
    ObjectStore store;

    @Test
    void reviewerApprovesInTheBrowserAndTheRunReports() throws Exception {
        assertThat(new File(CHROMEDRIVER).canExecute()).as("chromedriver missing: run .ci/install-browser.sh").isTrue();
        assertThat(new File(CHROMIUM).canExecute()).as("chromium missing: run .ci/install-browser.sh").isTrue();
        String run = "browser-run-" + Long.toHexString(System.nanoTime());
        RunRequested req = functions.complete(new RunRequested(run, List.of("samples/sotu-sample.jsonl"), null));
        assertThat(dispatcher.run(Events.RUN_REQUESTED, req, System.err)).as("run pauses for review").isNull();
        String batchId = ReviewGate.batchId(run);
        RunLayout layout = new RunLayout(run);
        assertThat(store.exists(layout.reportJson())).isFalse();

        Path profile = Files.createTempDirectory("tailguard-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1400,1700", "--user-data-dir=" + profile);
        long t0 = System.nanoTime();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            driver.get(page.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            driver.findElement(By.id("username")).sendKeys("alice");
            driver.findElement(By.id("password")).sendKeys("alice-review-demo");
            driver.findElement(By.id("login-button")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-view")));
            assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("alice");
            WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.linkText(batchId)));
            link.click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-view")));
            List<WebElement> samples = driver.findElements(By.cssSelector("#samples .sample"));
            assertThat(samples).hasSize(4);
            assertThat(driver.findElements(By.cssSelector("#samples .seed mark"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("#samples .synthetic mark"))).isNotEmpty();
            assertThat(driver.findElement(By.id("batch-status")).getText()).isEqualTo("pending");
            screenshot(driver, "target/review-screenshot-batch.png");

            samples.get(0).findElement(By.cssSelector(".flag-input")).sendKeys("memorised");
            driver.findElement(By.id("reason")).sendKeys("Sample reads like the seeds; spans are short quotes.");
            driver.findElement(By.id("approve")).click();

            WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-report-status")));
            assertThat(report.getText()).contains("succeeded").contains(layout.reportJson());
            assertThat(driver.findElement(By.id("batch-status")).getText()).isEqualTo("consumed");
            assertThat(driver.findElement(By.id("decision")).getText()).contains("approved by alice");
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "document.getElementById('batch-id').scrollIntoView();");
            screenshot(driver, "target/review-screenshot.png");
        } finally {
            driver.quit();
            service.stop();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Files.writeString(Path.of("target/review-browser-time.txt"), "browser session (start chromium to quit): "
                + millis + " ms\n");
        System.out.println("ReviewBrowserTest: browser session took " + millis + " ms");

        assertThat(queue.get(batchId).status()).isEqualTo(BatchStatus.CONSUMED);
        Map<String, Object> reportJson = Manifest.read(store, layout.reportJson());
        assertThat(reportJson).containsEntry("status", "succeeded");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> review = (List<Map<String, Object>>) reportJson.get("review");
        assertThat(review).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("principal", "alice").containsEntry("decision", "approved")
                    .containsEntry("reason", "Sample reads like the seeds; spans are short quotes.");
            assertThat((List<?>) r.get("flags")).hasSize(1);
        });
        for (String key : store.list("runs/" + run + "/")) {
            try (InputStream in = store.open(key)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as("no credential in " + key)
                        .doesNotContain("alice-review-demo").doesNotContain(ReviewSessionMechanism.COOKIE);
            }
        }
        try (InputStream in = store.open(layout.datasetCard())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("## Human review")
                    .contains("| " + batchId + " |").contains("| alice |");
        }
    }

    private static void screenshot(WebDriver driver, String target) throws Exception {
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
}
