package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.FaceIndex;
import io.faceflow.index.IdentitySummary;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.SightingSearch;
import io.faceflow.testkit.HeadlessBrowser;
import io.faceflow.testkit.TestResources;
import io.faceflow.index.gallery.NegativeStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console against the real stream processor, broker, index and model. In a real headless
 * Chromium: sign in, watch an alert arrive, enrol by upload and rename, search by photo, forget a person and
 * find no trace left (screenshots go to target/console-screenshots for review). Over plain HTTP:
 * what a browser would not send, refused: no session, another origin, no CSRF token, oversized or
 * non-image uploads.
 */
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * What the console itself adds to an alert's delay: SSE push and one DOM insert, milliseconds
     * when idle. A second leaves room for GC pauses and the two other builds sharing this
     * machine's two cores, and still fails a feed that batches or polls.
     */
    private static final long CONSOLE_SHARE_LIMIT_MS = 1_000;
    /**
     * Frame produced to alert shown, including detection, embedding and search on the CPU and the
     * stream's transaction commit (200 ms). The target is one second; on this loaded shared
     * machine a CPU-bound frame can take several, so the limit is generous and the measured value
     * is printed for the record.
     */
    private static final long END_TO_END_LIMIT_MS = 15_000;

    @TempDir
    static Path dir;
    static ConsoleFixture fx;
    static HeadlessBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(dir);
        browser = HeadlessBrowser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void signInWatchEnrolSearchAndForget() throws Exception {
        signIn();
        watchAnAlertArrive();
        markNotThisPerson();
        enrolByUpload();
        searchByPhoto();
        forgetAndFindNoTrace();
        models();
        audited();
    }

    private void signIn() {
        browser.open(fx.console.uri().toString());
        browser.awaitAtLeast("#login-form", 1, WAIT);
        assertTrue(browser.driver().getCurrentUrl().endsWith("/login"), browser.driver().getCurrentUrl());
        type("#password", "not the password");
        click("#sign-in");
        awaitText("#login-error", "wrong password");
        browser.screenshot(SHOTS.resolve("01-sign-in-refused.png"));
        type("#password", ConsoleFixture.PASSWORD);
        click("#sign-in");
        browser.awaitAtLeast("#status[data-following='true']", 1, WAIT);
        awaitText("#user", "signed in as admin");
    }

    private void watchAnAlertArrive() throws Exception {
        // The first frame pays for the stream's model warm-up; it is not the one measured.
        fx.sendFrame("cam-hall", 0, ConsoleFixture.photo("leonard", 3));
        browser.awaitAtLeast("#alerts .alert[data-camera='cam-hall']", 1, WAIT);

        long produced = fx.sendFrame("cam-door", 0, ConsoleFixture.photo("penny", 3));
        WebElement alert = browser.awaitAtLeast("#alerts .alert[data-camera='cam-door']", 1, WAIT).get(0);
        long shown = Long.parseLong(alert.getDomAttribute("data-shown-ms"));
        long received = Long.parseLong(alert.getDomAttribute("data-received-ms"));
        System.out.printf("alert delay: produced -> shown %d ms (stream %d ms, console %d ms)%n", shown - produced,
                received - produced, shown - received);
        assertEquals("penny", alert.getDomAttribute("data-identity"));
        assertTrue(alert.getText().contains("Penny (penny)") && alert.getText().contains("cam-door"), alert.getText());
        assertTrue(shown - received <= CONSOLE_SHARE_LIMIT_MS, "console share " + (shown - received) + " ms");
        assertTrue(shown - produced <= END_TO_END_LIMIT_MS, "produced -> shown " + (shown - produced) + " ms");
        assertEquals(2, alert.findElements(By.tagName("img")).size(), "the face seen and the enrolled photo");
        browser.awaitAtLeast("#status", 1, WAIT);
        awaitText("#status .camera-status[data-camera='cam-door']", "1 alert(s)");
        awaitText("#status .camera-status[data-camera='cam-door']", "last frame");
        awaitText("#status .camera-status[data-camera='cam-door']", "faces/s");
        awaitText("#status .processor", "frames/s, ");
        assertEquals(List.of(), browser.brokenImages());

        new Select(find("#camera-filter")).selectByValue("cam-hall");
        assertFalse(alert.isDisplayed(), "the camera filter hides cam-door's alert");
        new Select(find("#camera-filter")).selectByValue("");
        type("#identity-filter", "leo");
        assertFalse(alert.isDisplayed(), "the person filter hides penny's alert");
        type("#identity-filter", "");
        assertTrue(alert.isDisplayed());
        browser.screenshot(SHOTS.resolve("02-live-alerts.png"));
    }

    /** "Not this person" on leonard's alert: his negative is stored, nothing is enrolled. */
    private void markNotThisPerson() {
        int templates = fx.gallery.crops().crops("leonard").size();
        WebElement alert = find("#alerts .alert[data-camera='cam-hall']");
        alert.findElement(By.cssSelector(".not-this-person")).click();
        browser.awaitAtLeast("#confirm[open]", 1, WAIT);
        assertTrue(find("#confirm-text").getText().contains("never enrolled"), find("#confirm-text").getText());
        click("#confirm-ok");
        awaitText("#alerts .alert[data-camera='cam-hall'] .corrected", "marked: not this person");
        var negatives = new NegativeStore(fx.gallery.crops()).negatives("leonard");
        assertEquals(List.of(alert.getDomAttribute("data-alert-id")), negatives.stream().map(n -> n.alertId()).toList());
        assertEquals("admin", negatives.get(0).by());
        assertEquals(templates, fx.gallery.crops().crops("leonard").size(), "not a template");
    }

    private void enrolByUpload() throws Exception {
        click("[data-tab='gallery']");
        browser.awaitAtLeast("#people .person", ConsoleFixture.ENROLLED.size(), WAIT);
        Path notAPhoto = Files.writeString(dir.resolve("howard.jpg"), "not a photo at all");
        type("#enrol-id", "howard");
        find("#enrol-photos").sendKeys(notAPhoto.toString());
        click("#enrol-submit");
        awaitText("#enrol-result .error", "howard.jpg is not an image the console accepts");
        assertTrue(browser.findAll("#people .person[data-identity='howard']").isEmpty(), "nothing enrolled");
        browser.screenshot(SHOTS.resolve("03-gallery-upload-refused.png"));
        find("#enrol-photos").clear();
        type("#enrol-id", "howard");
        type("#enrol-name", "Howard Wolowitz");
        Path scene = TestResources.testData().resolve("sitcom_cast/scenes/bbt1.jpg");
        find("#enrol-photos").sendKeys(String.join("\n", ConsoleFixture.photo("howard", 1).toString(),
                ConsoleFixture.photo("howard", 2).toString(), scene.toString()));
        click("#enrol-submit");
        browser.awaitAtLeast("#enrol-result li.enrolled", 1, WAIT);
        assertEquals(2, browser.findAll("#enrol-result li.accepted").size());
        List<WebElement> rejected = browser.findAll("#enrol-result li.rejected");
        assertEquals(1, rejected.size(), "the group photo");
        assertTrue(rejected.get(0).getText().startsWith("bbt1.jpg: rejected: "), rejected.get(0).getText());
        WebElement howard = browser.awaitAtLeast("#people .person[data-identity='howard']", 1, WAIT).get(0);
        assertTrue(howard.getText().contains("Howard Wolowitz (howard)"), howard.getText());
        assertEquals(2, howard.findElements(By.cssSelector(".crops img")).size());
        assertEquals(List.of(), browser.brokenImages());
        browser.screenshot(SHOTS.resolve("04-gallery-enrolled.png"));

        type("#people .person[data-identity='howard'] .rename-input", "Howard W.");
        click("#people .person[data-identity='howard'] .rename");
        awaitText("#people .person[data-identity='howard']", "Howard W. (howard)");
    }

    private void searchByPhoto() {
        click("[data-tab='search']");
        find("#identify-photo").sendKeys(ConsoleFixture.photo("howard", 3).toString());
        click("#identify-submit");
        WebElement face = browser.awaitAtLeast("#identify-result .face", 1, WAIT).get(0);
        assertEquals("howard", face.getDomAttribute("data-identity"), face.getText());
        assertTrue(face.getText().contains("Howard W. (howard)"), "the live collection has the new name: "
                + face.getText());

        find("#sightings-photo").sendKeys(ConsoleFixture.photo("penny", 4).toString());
        type("#sightings-camera", "cam-door");
        click("#sightings-submit");
        WebElement hit = browser.awaitAtLeast("#sightings-result .hit", 1, WAIT).get(0);
        assertEquals("penny", hit.getDomAttribute("data-identity"), hit.getText());
        assertTrue(browser.findAll("#sightings-result .hit").stream()
                .allMatch(h -> "cam-door".equals(h.getDomAttribute("data-camera"))), "the camera filter holds");
        assertEquals(List.of(), browser.brokenImages());
        browser.screenshot(SHOTS.resolve("05-search.png"));
    }

    private void forgetAndFindNoTrace() throws Exception {
        click("[data-tab='gallery']");
        WebElement penny = browser.awaitAtLeast("#people .person[data-identity='penny']", 1, WAIT).get(0);
        penny.findElement(By.cssSelector(".forget")).click();
        browser.awaitAtLeast("#confirm[open]", 1, WAIT);
        String warning = find("#confirm-text").getText();
        assertTrue(warning.contains("every model version (" + fx.streams.live().version() + ")")
                && warning.contains("2 enrolled crop(s)") && warning.contains("every sighting"), warning);
        browser.screenshot(SHOTS.resolve("06-forget-confirmation.png"));
        click("#confirm-ok");
        awaitText("#message", "forgot penny");
        assertTrue(find("#message").getText().contains("sightings erased: 1"), find("#message").getText());
        new WebDriverWait(browser.driver(), WAIT)
                .until(d -> d.findElements(By.cssSelector("#people .person[data-identity='penny']")).isEmpty());

        assertTrue(fx.gallery.crops().identity("penny").isEmpty(), "crops");
        assertFalse(Files.exists(fx.gallery.crops().root().resolve("penny")), "crop folder");
        for (String version : fx.catalog.modelVersions()) {
            FaceIndex index = fx.catalog.openExisting(version).orElseThrow();
            assertTrue(index.listIdentities().stream().map(IdentitySummary::identityId).noneMatch("penny"::equals),
                    "templates in " + version);
        }
        try (LiveModel.Lease lease = fx.streams.live().acquire()) {
            Path probe = ConsoleFixture.photo("penny", 4);
            SightingSearch.Result left = new SightingSearch(fx.detector, lease.generation().embedder(), fx.catalog)
                    .search("probe", Files.readAllBytes(probe), 0, Long.MAX_VALUE, 100, null);
            assertTrue(left.hits().stream().noneMatch(h -> "penny".equals(h.identityId())), "sightings");
            assertFalse(left.hits().isEmpty(), "leonard's sighting stays: " + left.hits());
        }
        click("[data-tab='live']");
        new WebDriverWait(browser.driver(), WAIT)
                .until(d -> d.findElements(By.cssSelector("#alerts .alert[data-identity='penny']")).isEmpty());
        assertEquals(1, browser.findAll("#alerts .alert[data-identity='leonard']").size());
        click("[data-tab='search']");
        type("#sightings-camera", "");
        click("#sightings-submit");
        awaitText("#sightings-result", "sighting(s)");
        assertTrue(browser.findAll("#sightings-result .hit[data-identity='penny']").isEmpty());
        browser.screenshot(SHOTS.resolve("07-after-forget.png"));
        // A page opened now gets no alert of hers from the console's recent ones either.
        browser.driver().navigate().refresh();
        browser.awaitAtLeast("#alerts .alert[data-identity='leonard']", 1, WAIT);
        assertTrue(browser.findAll("#alerts .alert[data-identity='penny']").isEmpty());
    }

    private void models() throws Exception {
        String first = fx.streams.live().version();
        click("[data-tab='models']");
        awaitText("#rollout", "rolled out: the stream processors started with " + first);
        assertTrue(find("#models-view").getText().contains("Live model: " + first));
        String calibration = find("#models-view tr[data-version='" + first + "']").getText();
        assertTrue(calibration.contains("0.384 at FAR 0.001"), "the bundle's calibrated threshold: " + calibration);
        assertFalse(find("#rollback").isEnabled(), "one version held: nothing to roll back to");

        String second = fx.reindexWithASecondVersion();
        // Versions are prefixes of one another (v, v-flip): texts are matched whole, up to the full stop.
        awaitModels("This console searches and enrols with " + second + ".");
        awaitText("#rollout", "rolled out: the stream processors were told to serve " + second);
        assertEquals(2, browser.findAll("#models-view tr[data-version]").size());
        assertTrue(find("#models-view tr[data-version='" + first + "']").getText().contains("previous"));
        browser.screenshot(SHOTS.resolve("08-models-before-rollback.png"));
        click("#rollback");
        browser.awaitAtLeast("#confirm[open]", 1, WAIT);
        assertTrue(find("#confirm-text").getText().contains("back to model " + first), find("#confirm-text").getText());
        click("#confirm-ok");
        awaitModels("This console searches and enrols with " + first + ".");
        assertEquals("rolled out: the stream processors were told to serve " + first, find("#rollout").getText());
        assertEquals(first, fx.catalog.liveModelVersion().orElseThrow());
        browser.screenshot(SHOTS.resolve("09-models-rolled-back.png"));
    }

    /** One audit line each for the enrolment, the rename, the forget and the rollback; never a name. */
    private void audited() {
        List<String> lines = fx.audit();
        assertTrue(lines.stream().anyMatch(l -> l.contains("user=admin") && l.contains("action=enrol")
                && l.contains("person=howard")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("action=rename") && l.contains("person=howard")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("action=forget") && l.contains("person=penny")
                && l.contains("sightings=1")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("action=rollback")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("action=not-this-person") && l.contains("person=leonard")));
        assertTrue(lines.stream().noneMatch(l -> l.contains("Howard W") || l.contains("Penny")), "no display names");
    }

    /** Reloads the models page until it says {@code text}: the stream loads an announced model in its own time. */
    private static void awaitModels(String text) {
        new WebDriverWait(browser.driver(), WAIT, Duration.ofSeconds(1)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector("[data-tab='models']")).click();
                    return d.findElement(By.cssSelector("#models-view")).getText().contains(text);
                });
    }

    private static WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private static void click(String css) {
        find(css).click();
    }

    /** Replaces the field's text by keystrokes, so the page sees input events (clear() sends none). */
    private static void type(String css, String text) {
        WebElement input = find(css);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static void awaitText(String css, String text) {
        // The page replaces what it re-renders: an element read mid-render is looked up again.
        new WebDriverWait(browser.driver(), WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    @Test
    void withoutASessionNothingIsServedButTheSignIn() throws Exception {
        ConsoleHttp anonymous = new ConsoleHttp(fx.console.uri());
        for (String path : List.of("/api/people", "/api/people/leonard/photo", "/api/alerts", "/api/models")) {
            HttpResponse<String> r = anonymous.get(path);
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.body().contains("sign in first"), r.body());
        }
        HttpResponse<String> page = anonymous.get("/");
        assertEquals(302, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        assertEquals(200, anonymous.get("/login").statusCode());
        assertEquals(401, anonymous.signIn("wrong password").statusCode());
        assertEquals(null, anonymous.cookie, "no session for a wrong password");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        ConsoleHttp http = new ConsoleHttp(fx.console.uri());
        HttpResponse<String> r = http.signIn(ConsoleFixture.PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
    }

    @Test
    void crossSiteAndTokenlessChangesAreRefused() throws Exception {
        ConsoleHttp http = new ConsoleHttp(fx.console.uri());
        http.signIn(ConsoleFixture.PASSWORD);
        List<String> before = people();
        assertEquals(403, http.send(http.change("/api/people/sheldon").setHeader("Origin", "http://evil.example")
                .DELETE()).statusCode(), "another origin");
        assertEquals(403, http.send(http.change("/api/people/sheldon").header("Origin", "http://evil.example")
                .DELETE()).statusCode(), "another origin beside this one");
        assertEquals(403, http.send(http.change("/api/people/sheldon").header("Sec-Fetch-Site", "cross-site")
                .DELETE()).statusCode(), "a cross-site fetch");
        HttpResponse<String> tokenless = http.send(http.request("/api/people/sheldon").header("Origin", http.origin())
                .DELETE());
        assertEquals(403, tokenless.statusCode());
        assertTrue(tokenless.body().contains("CSRF"), tokenless.body());
        assertEquals(403, http.send(http.change("/api/people/sheldon").setHeader("X-CSRF-Token", "guessed")
                .DELETE()).statusCode(), "a wrong token");
        assertEquals(before, people(), "nothing changed");
    }

    @Test
    void oversizedAndNonImageUploadsSayWhyAndChangeNothing() throws Exception {
        ConsoleHttp http = new ConsoleHttp(fx.console.uri());
        http.signIn(ConsoleFixture.PASSWORD);
        List<String> before = people();
        byte[] photo = Files.readAllBytes(ConsoleFixture.photo("howard", 1));
        byte[] oversized = java.util.Arrays.copyOf(photo, (int) ConsoleFixture.MAX_UPLOAD_BYTES + 1);
        byte[] farTooLarge = java.util.Arrays.copyOf(photo, (int) ConsoleFixture.MAX_UPLOAD_BYTES * 3);
        byte[] text = "name,embedding\nraj,0.1 0.2".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> big = enrol(http, "raj", "raj1.png", "image/png", oversized);
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(big.body().contains("photos up to 1024 KB are accepted: nothing was changed"), big.body());
        HttpResponse<String> huge = enrol(http, "raj", "raj1.png", "image/png", farTooLarge);
        assertEquals(413, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("the upload is too large"), huge.body());
        HttpResponse<String> notImage = enrol(http, "raj", "raj1.jpg", "image/jpeg", text);
        assertEquals(400, notImage.statusCode(), notImage.body());
        assertTrue(notImage.body().contains("raj1.jpg is not an image the console accepts"), notImage.body());
        HttpResponse<String> search = http.send(new ConsoleHttp.Multipart()
                .file("photo", "probe.gif", "image/gif", text).post(http.change("/api/identify")));
        assertEquals(400, search.statusCode(), search.body());

        assertEquals(before, people(), "nothing changed");
        assertTrue(fx.gallery.crops().identity("raj").isEmpty());
    }

    private static HttpResponse<String> enrol(ConsoleHttp http, String id, String file, String type, byte[] bytes)
            throws Exception {
        return http.send(new ConsoleHttp.Multipart().field("identityId", id)
                .file("photos", file, type, bytes).post(http.change("/api/people")));
    }

    private static List<String> people() {
        return fx.gallery.crops().identityIds();
    }
}
