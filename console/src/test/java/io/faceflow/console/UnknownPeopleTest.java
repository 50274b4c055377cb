package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.Vectors;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.recognition.LiveModel;
import io.faceflow.testkit.HeadlessBrowser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "Unknown people" page and its API on a real embedded candidate store, seeded with people
 * nobody enrolled, their faces aligned and embedded by the real pipeline from the sitcom photos:
 * list by visits, shots, name (through the enrolment policy), merge, ignore, sightings; each
 * refusal said plainly; each action audited by candidate id. In headless Chromium: the cards in
 * visit order, naming one, and finding the person in the gallery.
 */
class UnknownPeopleTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_700_000_000_000L;
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dir;
    static ConsoleFixture fx;
    static CandidateStore store;
    static HeadlessBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(dir);
        try (LiveModel.Lease lease = fx.streams.live().acquire()) {
            Embedder embedder = lease.generation().embedder();
            store = fx.catalog.candidates(embedder.modelVersion(), embedder.dimension());
            FacePipeline pipeline = new FacePipeline(fx.detector, embedder, PipelineOptions.of(FaceSelection.ONLY,
                    FaceQuality.ANY));
            store.save(List.of(
                    candidate(pipeline, "c-amy", "amy", 4, 1, 2, 3),
                    candidate(pipeline, "c-raj", "raj", 3, 1, 2, 3),
                    candidate(pipeline, "c-bern-1", "bernadette", 2, 1),
                    candidate(pipeline, "c-bern-2", "bernadette", 1, 2),
                    candidate(pipeline, "c-stuart", "stuart", 1, 1, 2),
                    seenFromAfar(candidate(pipeline, "c-far", "howard", 1, 1))));
        }
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

    /** A candidate of {@code person} seen on {@code visits} visits (cameras alternate), with the given photos as shots. */
    private static Candidate candidate(FacePipeline pipeline, String id, String person, int visits, int... photos)
            throws Exception {
        List<CandidateShot> shots = new ArrayList<>();
        float[] sum = new float[pipeline.embedder().dimension()];
        for (int n : photos) {
            Path photo = ConsoleFixture.photo(person, n);
            AnalyzedFace face = pipeline.analyzeEncoded(Map.of(photo.toString(), Files.readAllBytes(photo))).get(0)
                    .accepted().get(0);
            shots.add(new CandidateShot(id + "-s" + n, "cam-a", T0 + n, face.quality().faceSize(),
                    FaceQuality.sharpness(face.crop()), 1.0 / n, ImageEncoder.jpeg(face.crop(), 90), face.embedding()));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += face.embedding()[i];
            }
        }
        List<CandidateVisit> seen = IntStream.range(0, visits).mapToObj(v -> new CandidateVisit(id + "-e" + v,
                v % 2 == 0 ? "cam-a" : "cam-b", T0 + v * 3_600_000L, T0 + v * 3_600_000L + 5_000)).toList();
        return new Candidate(id, pipeline.embedder().modelVersion(), Vectors.normalise(sum), photos.length, seen,
                shots, Candidate.Status.OPEN);
    }

    /** The same faces recorded at 20 px in the frame: below the enrolment policy's minimum. */
    private static Candidate seenFromAfar(Candidate c) {
        List<CandidateShot> far = c.shots().stream().map(s -> new CandidateShot(s.shotId(), s.cameraId(),
                s.captureTimeMs(), 20, s.sharpness(), s.quality(), s.jpeg(), s.embedding())).toList();
        return new Candidate(c.candidateId(), c.modelVersion(), c.centroid(), c.members(), c.visits(), far, c.status());
    }

    @Test
    void theApiListsNamesMergesIgnoresAndSearchesAndRefusesWhatItShould() throws Exception {
        ConsoleHttp anonymous = new ConsoleHttp(fx.console.uri());
        assertEquals(401, anonymous.get("/api/unknowns").statusCode());
        assertEquals(401, anonymous.get("/api/unknowns/c-raj/shots/c-raj-s1").statusCode());
        ConsoleHttp http = new ConsoleHttp(fx.console.uri());
        assertEquals(200, http.signIn(ConsoleFixture.PASSWORD).statusCode());

        JsonNode list = json(http.get("/api/unknowns"));
        List<Integer> visits = new ArrayList<>();
        list.forEach(c -> visits.add(c.get("visits").asInt()));
        for (int i = 1; i < visits.size(); i++) {
            assertTrue(visits.get(i - 1) >= visits.get(i), "most visits first: " + visits);
        }
        JsonNode raj = find(list, "c-raj");
        assertEquals(3, raj.get("visits").asInt());
        assertEquals(3, raj.get("timeline").size());
        assertEquals("[\"cam-a\",\"cam-b\"]", raj.get("cameras").toString());
        assertEquals(T0, raj.get("firstSeenMs").asLong());
        assertEquals(3, raj.get("shots").size());
        assertFalse(raj.toString().contains("centroid") || raj.toString().contains("embedding"), "no embedding leaves");

        HttpResponse<byte[]> shot = http.sendBytes(http.request("/api/unknowns/c-raj/shots/c-raj-s2").GET());
        assertEquals(200, shot.statusCode());
        assertEquals("image/jpeg", shot.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(store.get("c-raj").orElseThrow().shots().get(1).jpeg(), shot.body());
        assertRefused(http.get("/api/unknowns/c-raj/shots/nope"), 404, "has no shot 'nope'");
        assertRefused(http.get("/api/unknowns/nobody/shots/c-raj-s1"), 404, "no unknown candidate 'nobody'");

        // Where was raj seen: a frame of him is recorded as an unknown sighting, found by the candidate's centroid.
        fx.sendFrame("cam-lobby", 0, ConsoleFixture.photo("raj", 4));
        JsonNode seen = awaitSightings(http, "c-raj", "cam-lobby");
        assertTrue(seen.get("probe").asText().startsWith("/api/unknowns/c-raj/shots/"), seen.toString());

        // Naming: refused without a token, without an id, for an unknown candidate, for an enrolled id.
        assertRefused(http.send(http.request("/api/unknowns/c-raj/name").header("Origin", http.origin())
                .header("Content-Type", FORM).POST(form("identityId", "raj"))), 403, "CSRF");
        assertRefused(post(http, "/api/unknowns/c-raj/name", "displayName", "Raj"), 400,
                "identityId is required");
        assertRefused(post(http, "/api/unknowns/nobody/name", "identityId", "raj"), 404,
                "no unknown candidate 'nobody'");
        assertRefused(post(http, "/api/unknowns/c-raj/name", "identityId", "leonard"), 409,
                "already enrolled");
        assertRefused(post(http, "/api/unknowns/c-raj/name", "identityId", "no good"), 400,
                "person id");
        HttpResponse<String> far = post(http, "/api/unknowns/c-far/name", "identityId", "howard");
        assertEquals(422, far.statusCode(), far.body());
        assertTrue(far.body().contains("face is 20 px, below the 40 px minimum"), far.body());
        assertTrue(store.get("c-far").isPresent(), "a candidate no shot of which qualifies stays");
        assertTrue(fx.gallery.crops().identity("howard").isEmpty());

        HttpResponse<String> named = post(http, "/api/unknowns/c-raj/name", "identityId", "raj",
                "displayName", "Raj K.");
        assertEquals(200, named.statusCode(), named.body());
        assertEquals(3, json(named).get("templates").asInt(), named.body());
        assertTrue(store.get("c-raj").isEmpty(), "a named candidate leaves the unknowns");
        assertEquals("Raj K.", fx.gallery.crops().identity("raj").orElseThrow().displayName());
        assertEquals(3, fx.gallery.crops().crops("raj").size(), "its crops are kept for a reindex");
        HttpResponse<String> who = http.send(new ConsoleHttp.Multipart().file("photo", "raj5.png", "image/png",
                Files.readAllBytes(ConsoleFixture.photo("raj", 5))).post(http.change("/api/identify")));
        assertEquals("raj", json(who).get("faces").get(0).get("identityId").asText(), who.body());

        // Merging: both's visits and shots in one, the other gone.
        assertRefused(post(http, "/api/unknowns/c-bern-2/merge", "other", "x"), 400,
                "into is required");
        assertRefused(post(http, "/api/unknowns/c-bern-2/merge", "into", "nobody"), 404,
                "no unknown candidate 'nobody' to merge into");
        assertRefused(post(http, "/api/unknowns/c-bern-2/merge", "into", "c-bern-2"), 400,
                "into itself");
        HttpResponse<String> merged = post(http, "/api/unknowns/c-bern-2/merge", "into", "c-bern-1");
        assertEquals(200, merged.statusCode(), merged.body());
        assertEquals(3, json(merged).get("visits").asInt());
        assertTrue(store.get("c-bern-2").isEmpty());
        Candidate bern = store.get("c-bern-1").orElseThrow();
        assertEquals(2, bern.members());
        assertEquals(List.of("c-bern-1-s1"), bern.shots().stream().map(CandidateShot::shotId).toList(),
                "no more shots than the fuller side held, the best one first");

        // Ignoring: kept, as a negative, off the open list.
        HttpResponse<String> ignored = post(http, "/api/unknowns/c-stuart/ignore");
        assertEquals(200, ignored.statusCode(), ignored.body());
        assertEquals(Candidate.Status.IGNORED, store.get("c-stuart").orElseThrow().status());
        assertTrue(ids(json(http.get("/api/unknowns"))).stream().noneMatch("c-stuart"::equals));
        assertEquals(List.of("c-stuart"), ids(json(http.get("/api/unknowns?ignored=true"))));
        assertRefused(post(http, "/api/unknowns/c-gone/ignore"), 404, "reload the page");

        List<String> audit = fx.audit();
        assertTrue(audit.stream().anyMatch(l -> l.contains("action=name-candidate") && l.contains("candidate=c-raj")
                && l.contains("person=raj") && l.contains("templates=3")), String.join("\n", audit));
        assertTrue(audit.stream().anyMatch(l -> l.contains("action=merge-candidates") && l.contains("candidate=c-bern-2")
                && l.contains("into=c-bern-1")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("action=ignore-candidate") && l.contains("candidate=c-stuart")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("action=search-candidate-sightings")
                && l.contains("candidate=c-raj")));
        assertTrue(audit.stream().noneMatch(l -> l.contains("Raj K.")), "no display names");
        assertTrue(audit.stream().noneMatch(l -> l.contains("candidate=c-far")), "a refused naming changed nothing");
    }

    @Test
    void theBrowserShowsTheCandidatesByVisitsAndNamesOne() throws Exception {
        browser.open(fx.console.uri().toString());
        browser.awaitAtLeast("#login-form", 1, WAIT);
        browser.driver().findElement(By.cssSelector("#password")).sendKeys(ConsoleFixture.PASSWORD, Keys.ENTER);
        browser.awaitAtLeast("#status[data-following='true']", 1, WAIT);
        browser.driver().findElement(By.cssSelector("[data-tab='unknowns']")).click();
        List<WebElement> cards = browser.awaitAtLeast("#unknowns-list .candidate", 3, WAIT);
        assertEquals("c-amy", cards.get(0).getDomAttribute("data-candidate"), "the most visits come first");
        List<Integer> visits = cards.stream().map(c -> Integer.parseInt(c.getDomAttribute("data-visits"))).toList();
        for (int i = 1; i < visits.size(); i++) {
            assertTrue(visits.get(i - 1) >= visits.get(i), "most visits first: " + visits);
        }
        WebElement amy = cards.get(0);
        assertTrue(amy.getText().contains("4 visit(s)") && amy.getText().contains("cam-a, cam-b"), amy.getText());
        assertEquals(3, amy.findElements(By.cssSelector(".crops img")).size());
        assertEquals(4, amy.findElements(By.cssSelector(".timeline .visit")).size());
        assertEquals(List.of(), browser.brokenImages());
        browser.screenshot(SHOTS.resolve("10-unknown-people.png"));

        amy.findElement(By.cssSelector(".name-id")).sendKeys("amy");
        amy.findElement(By.cssSelector(".name-name")).sendKeys("Amy F.");
        amy.findElement(By.cssSelector(".name")).click();
        new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("message")).getText()
                .contains("named c-amy as amy"));
        new WebDriverWait(browser.driver(), WAIT).until(d ->
                d.findElements(By.cssSelector("#unknowns-list .candidate[data-candidate='c-amy']")).isEmpty());
        browser.screenshot(SHOTS.resolve("11-unknown-named.png"));

        browser.driver().findElement(By.cssSelector("[data-tab='gallery']")).click();
        WebElement person = browser.awaitAtLeast("#people .person[data-identity='amy']", 1, WAIT).get(0);
        assertTrue(person.getText().contains("Amy F. (amy)"), person.getText());
        assertEquals(3, person.findElements(By.cssSelector(".crops img")).size());
        assertEquals(List.of(), browser.brokenImages());
        browser.screenshot(SHOTS.resolve("12-unknown-named-in-gallery.png"));
    }

    /** Polls the candidate's sightings until the stream has recorded one on {@code camera}. */
    private static JsonNode awaitSightings(ConsoleHttp http, String candidate, String camera) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        JsonNode answer = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = post(http, "/api/unknowns/" + candidate + "/sightings");
            assertEquals(200, r.statusCode(), r.body());
            answer = json(r);
            for (JsonNode s : answer.get("sightings")) {
                if (camera.equals(s.get("cameraId").asText())) {
                    assertTrue(s.get("identityId").isNull(), "an unknown sighting: " + s);
                    return answer;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no sighting on " + camera + " found by " + candidate + " within " + WAIT + ": "
                + answer);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(message), r.body());
    }

    /** A form POST as the page sends it: same origin, session, CSRF token. */
    private static HttpResponse<String> post(ConsoleHttp http, String path, String... pairs) throws Exception {
        return http.send(http.change(path).header("Content-Type", FORM).POST(form(pairs)));
    }

    private static HttpRequest.BodyPublisher form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode c : list) {
            if (id.equals(c.get("candidateId").asText())) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + id + " in " + list);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.get("candidateId").asText()));
        return ids;
    }
}
