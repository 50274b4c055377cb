package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.gallery.Negative;
import io.faceflow.index.gallery.NegativeStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Not this person" over HTTP, against the real stream processor and console: the alert's face
 * becomes a negative of the person it named, audited, and only through the console's own page.
 */
class CorrectionRoutesTest {
    private static final long WAIT_MS = 60_000;

    @TempDir
    static Path dir;
    static ConsoleFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(dir);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static HttpResponse<String> notThisPerson(ConsoleHttp http, String alertId) throws Exception {
        return http.send(http.change("/api/alerts/" + alertId + "/not").POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void notThisPersonKeepsTheAlertsFaceAsANegativeOnceAndIsAudited() throws Exception {
        int templates = fx.gallery.crops().crops("leonard").size();
        ConsoleHttp http = new ConsoleHttp(fx.console.uri());
        assertEquals(200, http.signIn(ConsoleFixture.PASSWORD).statusCode());
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!http.get("/api/status").body().contains("\"following\":true")) {
            assertTrue(System.currentTimeMillis() < deadline, "the console never followed the alerts");
            Thread.sleep(200);
        }
        HttpResponse<String> gone = notThisPerson(http, "cam-x-1-1-0");
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("faceflow correct cam-x-1-1-0 --not"), gone.body());

        long captured = fx.sendFrame("cam-x", 1, ConsoleFixture.photo("leonard", 3));
        String alertId = "cam-x-" + captured + "-1-0"; // deterministic: camera, capture time, sequence, face
        HttpResponse<String> first = notThisPerson(http, alertId);
        while (first.statusCode() == 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200); // the alert is not in the console's feed yet
            first = notThisPerson(http, alertId);
        }
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"alertId\":\"" + alertId + "\",\"identityId\":\"leonard\",\"stored\":true}", first.body());
        HttpResponse<String> again = notThisPerson(http, alertId);
        assertTrue(again.body().contains("\"stored\":false"), again.body());

        // Only the console's own page may make it: no token, or another origin, is refused.
        assertEquals(403, http.send(http.request("/api/alerts/" + alertId + "/not").header("Origin", http.origin())
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(403, http.send(http.change("/api/alerts/" + alertId + "/not")
                .setHeader("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody())).statusCode());

        List<Negative> negatives = new NegativeStore(fx.gallery.crops()).negatives("leonard");
        assertEquals(1, negatives.size());
        Negative n = negatives.get(0);
        assertEquals(List.of(alertId, "cam-x", captured, "admin"), List.of(n.alertId(), n.cameraId(), n.captureTimeMs(),
                n.by()));
        assertTrue(n.score() >= n.threshold(), "an alert's score passed its threshold: " + n);
        assertTrue(new NegativeStore(fx.gallery.crops()).face("leonard", alertId).length > 0);
        assertEquals(templates, fx.gallery.crops().crops("leonard").size(), "the negative is not a template");
        List<String> audit = fx.audit();
        assertEquals(2, audit.stream().filter(l -> l.contains("user=admin") && l.contains("action=not-this-person")
                && l.contains("alert=" + alertId) && l.contains("person=leonard")).count(), String.join("\n", audit));
    }
}
