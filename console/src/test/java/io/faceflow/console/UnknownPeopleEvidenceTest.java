package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.embed.Embedder;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.recognition.LiveModel;
import io.faceflow.testkit.HeadlessBrowser;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * From strangers to a trusted gallery, end to end on the real broker, model, embedded index,
 * stream processor (tracks and unknown clustering on) and console: three people nobody enrolled
 * each come on three visits (a few 1280x720 frames with their photo, on two cameras, the visits
 * further apart than a track's gap) and become exactly one candidate each, with no candidate
 * holding two people. An operator names one in headless Chromium; that person's next visit raises
 * an alert with the new identity. Another is ignored: his next visit joins it silently.
 */
class UnknownPeopleEvidenceTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> STRANGERS = List.of("raj", "howard", "stuart");
    private static final int VISITS = 3;
    private static final int FRAMES_PER_VISIT = 3;
    /** Capture-time gap that ends a track; visits are sent further apart than this. */
    private static final long TRACK_GAP_MS = 600;

    /** A visit as it was staged: who, on which camera, between which capture times. */
    record Staged(String person, String camera, long firstMs, long lastMs) {}

    @TempDir
    static Path dir;
    static ConsoleFixture fx;
    static HeadlessBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(dir, Map.of("tracks", "true", "tracks.max.gap.ms", String.valueOf(TRACK_GAP_MS),
                "unknowns", "true", "unknowns.visit.gap.ms", "300",
                // Frames are staged in real time: a CPU busy with the first frames must not drop the later ones.
                "max.frame.age.ms", "600000"));
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
    void strangersBecomeOneCandidateEachAndANamedOneIsAlertedOnItsNextVisit() throws Exception {
        long started = System.currentTimeMillis();
        List<Staged> staged = new ArrayList<>();
        for (int v = 0; v < VISITS; v++) {
            for (int p = 0; p < STRANGERS.size(); p++) {
                staged.add(visit(STRANGERS.get(p), v % 2 == 0 ? "cam-door" : "cam-hall", p, v + 1));
            }
        }
        // A last empty frame per camera, after the gap, ends the tracks still open.
        Thread.sleep(TRACK_GAP_MS + 200);
        byte[] empty = frame(null, 0, 0);
        fx.sendFrame("cam-door", 999, empty);
        fx.sendFrame("cam-hall", 999, empty);

        CandidateStore store;
        try (LiveModel.Lease lease = fx.streams.live().acquire()) {
            Embedder embedder = lease.generation().embedder();
            store = fx.catalog.candidates(embedder.modelVersion(), embedder.dimension());
        }
        List<Candidate> candidates = awaitVisits(store, staged.size());
        System.out.printf("%d visits of %d strangers clustered into %d candidate(s) in %d ms%n", staged.size(),
                STRANGERS.size(), candidates.size(), System.currentTimeMillis() - started);
        Map<String, String> personOf = new TreeMap<>();
        for (Candidate c : candidates) {
            Set<String> people = c.visits().stream().map(v -> whoWasStaged(staged, v)).collect(Collectors.toSet());
            assertEquals(1, people.size(), "candidate " + c.candidateId() + " holds " + people);
            personOf.put(c.candidateId(), people.iterator().next());
            assertTrue(!c.shots().isEmpty(), "candidate " + c.candidateId() + " has its best shots");
        }
        assertEquals(STRANGERS.size(), candidates.size(), "one candidate per stranger: " + personOf);
        assertEquals(Set.copyOf(STRANGERS), Set.copyOf(personOf.values()));
        candidates.forEach(c -> assertEquals(VISITS, c.visits().size(), personOf.get(c.candidateId()) + "'s visits"));

        String raj = personOf.entrySet().stream().filter(e -> e.getValue().equals("raj")).findFirst().orElseThrow()
                .getKey();
        nameInTheConsole(raj, "raj", "Raj");
        assertTrue(store.get(raj).isEmpty(), "the named candidate left the unknowns");

        browser.driver().findElement(By.cssSelector("[data-tab='live']")).click();
        Thread.sleep(TRACK_GAP_MS + 200);
        long produced = visit("raj", "cam-door", 0, 4).firstMs();
        WebElement alert = browser.awaitAtLeast("#alerts .alert[data-identity='raj']", 1, WAIT).get(0);
        assertTrue(alert.getText().contains("Raj (raj)") && alert.getText().contains("cam-door"), alert.getText());
        System.out.printf("named raj's next visit alerted after %d ms%n",
                Long.parseLong(alert.getDomAttribute("data-shown-ms")) - produced);
        browser.screenshot(SHOTS.resolve("21-named-stranger-alerted.png"));
        assertTrue(browser.findAll("#alerts .alert").stream().allMatch(a -> "raj".equals(a.getDomAttribute(
                "data-identity"))), "no one else is alerted: the other strangers stay unknown");

        // Ignored, howard stays a negative: his next visit joins his candidate silently, and he does not come back.
        String howard = personOf.entrySet().stream().filter(e -> e.getValue().equals("howard")).findFirst()
                .orElseThrow().getKey();
        browser.driver().findElement(By.cssSelector("[data-tab='unknowns']")).click();
        browser.awaitAtLeast("#unknowns-list .candidate[data-candidate='" + howard + "'] .ignore", 1, WAIT).get(0)
                .click();
        browser.awaitAtLeast("#confirm[open]", 1, WAIT);
        browser.driver().findElement(By.id("confirm-ok")).click();
        new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElements(By.cssSelector(
                "#unknowns-list .candidate[data-candidate='" + howard + "']")).isEmpty());
        visit("howard", "cam-hall", 1, 4);
        Thread.sleep(TRACK_GAP_MS + 200);
        fx.sendFrame("cam-hall", 1000, empty);
        // Raj's candidate went when he was named: the others hold their visits, and howard's next one.
        List<Candidate> after = awaitVisits(store, (STRANGERS.size() - 1) * VISITS + 1);
        Candidate ignored = store.get(howard).orElseThrow();
        assertEquals(Candidate.Status.IGNORED, ignored.status());
        assertEquals(VISITS + 1, ignored.visits().size(), "his next visit joined the ignored candidate: " + after);
        assertEquals(List.of(personOf.entrySet().stream().filter(e -> e.getValue().equals("stuart")).findFirst()
                .orElseThrow().getKey()), store.list().stream().filter(c -> c.status() == Candidate.Status.OPEN)
                .map(Candidate::candidateId).toList(), "only stuart is left to decide on");
    }

    private void nameInTheConsole(String candidateId, String id, String name) {
        browser.open(fx.console.uri().toString());
        browser.awaitAtLeast("#login-form", 1, WAIT);
        browser.driver().findElement(By.cssSelector("#password")).sendKeys(ConsoleFixture.PASSWORD, Keys.ENTER);
        browser.awaitAtLeast("#status[data-following='true']", 1, WAIT);
        browser.driver().findElement(By.cssSelector("[data-tab='unknowns']")).click();
        browser.awaitAtLeast("#unknowns-list .candidate", STRANGERS.size(), WAIT);
        WebElement card = browser.driver().findElement(By.cssSelector(
                "#unknowns-list .candidate[data-candidate='" + candidateId + "']"));
        assertEquals(String.valueOf(VISITS), card.getDomAttribute("data-visits"));
        browser.screenshot(SHOTS.resolve("20-strangers-clustered.png"));
        card.findElement(By.cssSelector(".name-id")).sendKeys(id);
        card.findElement(By.cssSelector(".name-name")).sendKeys(name);
        card.findElement(By.cssSelector(".name")).click();
        new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("message")).getText()
                .contains("named " + candidateId + " as " + id));
    }

    /** Sends one visit: a few frames of {@code person}'s photo {@code photo} at their spot, drifting a little. */
    private static Staged visit(String person, String camera, int spot, int photo) throws Exception {
        Thread.sleep(TRACK_GAP_MS + 200);
        long first = -1;
        long last = -1;
        for (int f = 0; f < FRAMES_PER_VISIT; f++) {
            last = fx.sendFrame(camera, f, frame(ConsoleFixture.photo(person, photo), 180 + 380 * spot + 6 * f, 260));
            first = first < 0 ? last : first;
            Thread.sleep(150);
        }
        return new Staged(person, camera, first, last);
    }

    /** A 1280x720 grey frame with the photo (150x150 of a face) at (x, y); none for an empty scene. */
    private static byte[] frame(Path photo, int x, int y) throws Exception {
        BufferedImage canvas = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(96, 100, 104));
        g.fillRect(0, 0, 1280, 720);
        if (photo != null) {
            g.drawImage(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(photo))), x, y, null);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(canvas, "png", png);
        return png.toByteArray();
    }

    /** The staged visit a candidate's visit lies in: same camera, its first capture time inside the staging. */
    private static String whoWasStaged(List<Staged> staged, CandidateVisit v) {
        return staged.stream().filter(s -> s.camera().equals(v.cameraId()) && v.firstSeenMs() >= s.firstMs()
                && v.firstSeenMs() <= s.lastMs()).map(Staged::person).findFirst()
                .orElseThrow(() -> new AssertionError("visit " + v + " matches no staged visit " + staged));
    }

    /** Waits until the candidates count every staged visit (the clusterer runs behind the stream). */
    private static List<Candidate> awaitVisits(CandidateStore store, int visits) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        List<Candidate> all;
        while ((all = store.list()).stream().mapToInt(c -> c.visits().size()).sum() < visits) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the candidates count " + all.stream().mapToInt(c -> c.visits().size()).sum()
                        + " of " + visits + " visits after " + WAIT + ": " + all.stream()
                        .map(c -> c.candidateId() + " " + c.visits()).toList());
            }
            Thread.sleep(500);
        }
        return all;
    }
}
