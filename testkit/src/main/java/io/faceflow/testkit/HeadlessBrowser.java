package io.faceflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, headless, driven through its own chromedriver (Debian's chromium and
 * chromium-driver packages; {@code scripts/test.sh} installs them for CI).
 *
 * <p>Both binaries are named explicitly so that Selenium never tries to fetch a browser or a
 * driver. The flags keep Chromium off the network: on a closed machine its background
 * connections would otherwise be refused over and over.
 */
public final class HeadlessBrowser implements AutoCloseable {
    public static final String CHROMIUM_ENV = "FACEFLOW_CHROMIUM";
    public static final String CHROMEDRIVER_ENV = "FACEFLOW_CHROMEDRIVER";

    private final ChromeDriver driver;
    private final Path userData;

    private HeadlessBrowser(ChromeDriver driver, Path userData) {
        this.driver = driver;
        this.userData = userData;
    }

    /** Starts Chromium headless; fails under CI and skips elsewhere when it is not installed. */
    public static HeadlessBrowser start() {
        Path chromium = binary(CHROMIUM_ENV, "/usr/bin/chromium");
        Path chromedriver = binary(CHROMEDRIVER_ENV, "/usr/bin/chromedriver");
        try {
            Path userData = Files.createTempDirectory("faceflow-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(chromium.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                            "--user-data-dir=" + userData);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .build();
            return new HeadlessBrowser(new ChromeDriver(service, options), userData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binary(String env, String fallback) {
        String value = System.getenv(env);
        Path path = Path.of(value == null || value.isBlank() ? fallback : value);
        TestResources.require(Files.isExecutable(path),
                path + " (install Debian's chromium and chromium-driver, or set " + env + ")");
        return path;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until {@code css} matches at least {@code count} elements, and returns them. */
    public List<WebElement> awaitAtLeast(String css, int count, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> d.findElements(By.cssSelector(css)).size() >= count);
        return findAll(css);
    }

    /**
     * The images on the page that did not render: not yet loaded, failed, or zero-sized. A broken
     * {@code data:} URI or a missing file shows up here, not as an exception.
     */
    public List<String> brokenImages() {
        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.images)"
                        + ".filter(i => !i.complete || i.naturalWidth === 0)"
                        + ".map(i => i.alt || i.src.substring(0, 80));");
        return broken;
    }

    /** Saves a PNG of the viewport, for a person to review after the run. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(userData);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp profile is harmless.
        }
    }
}
