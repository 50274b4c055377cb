package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.testkit.ChildJvm;
import io.faceflow.testkit.HeadlessBrowser;
import io.faceflow.testkit.JsonSchemas;
import io.faceflow.testkit.SitcomScenes;
import io.faceflow.testkit.TestResources;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * `faceflow demo` as a user runs it, in its own JVM: a real broker child process, the pretrained
 * model, the sitcom cast as the gallery and the scenes as a looping camera. The second run reuses
 * the first one's broker data and gallery and is stopped with Ctrl-C (SIGINT).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {
    /** The scenes in the order the folder camera plays them (name order). */
    private static final List<String> SCENES = List.of("bbt1.jpg", "bbt2.jpg", "bbt3.jpg", "bbt4.jpg", "bbt5.jpg");

    @TempDir
    static Path dir;
    static int port;

    private static Path runDir() {
        return dir.resolve("run");
    }

    private static String[] demoArgs(String... more) {
        Path cast = TestResources.testData().resolve("sitcom_cast");
        return CommandLineTest.concat(new String[] {"demo", "--gallery", cast.resolve("people").toString(),
                "--frames", cast.resolve("scenes").toString(), "--run-dir", runDir().toString(),
                "--port", String.valueOf(port), "--console-port", "0", "--models-dir", TestResources.models().toString(),
                "--fps", "2"}, more);
    }

    private static ChildJvm start(String name, String... args) {
        return ChildJvm.start(dir.resolve(name + ".log"), Map.of(), Main.class.getName(), args);
    }

    @Test
    @Order(1)
    void aTimedRunAlertsTheCastInTheScenesAndNobodyElseAndWritesAReportThatRenders() throws Exception {
        port = freePortPair();
        String log;
        try (ChildJvm demo = start("first", demoArgs("--duration", "20"))) {
            assertEquals(0, demo.awaitExit(Duration.ofMinutes(4)), demo::output);
            log = demo.output();
        }
        assertTrue(log.contains("broker: starting a new single-node Kafka"), log);

        List<MatchAlert> alerts = alerts();
        Set<String> inScenes = SitcomScenes.FACES.stream().map(SitcomScenes.Face::person)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> alerted = alerts.stream().map(MatchAlert::identityId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inScenes, alerted, "every cast member in the scenes is alerted, and nobody else; log:\n" + log);
        for (MatchAlert a : alerts) {
            // The camera plays the scenes in name order, so the frame's sequence says which scene it was.
            String scene = SCENES.get((int) (a.sequence() % SCENES.size()));
            FaceBox b = a.box();
            assertEquals(a.identityId(), SitcomScenes.personAt(scene, b.x(), b.y(), b.width(), b.height()),
                    "the alert's face in " + scene + " is the person it names");
            JsonSchemas.assertValid("/schemas/match-alert.schema.json", Messages.toJson(a));
        }
        long alertLines = log.lines().filter(l -> l.startsWith("ALERT ")).count();
        assertEquals(alerts.size(), alertLines, "every alert is printed in the terminal");
        assertTrue(log.contains("[demo] summary: frames sent"), log);

        Path report = runDir().resolve("report.html");
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            browser.open(report.toUri().toString());
            int images = browser.findAll("table.alerts img").size();
            assertEquals(2 * alerts.size(), images, "a face from the frame and an enrolled photo per alert");
            assertEquals(List.of(), browser.brokenImages(), "every image in the report renders");
            assertEquals(inScenes.size(), browser.findAll("table.timeline tr").size(), "a timeline row per person");
            browser.screenshot(Path.of("target", "screenshots", "demo-report.png"));
        }
        String html = Files.readString(report);
        assertFalse(html.contains("http://") || html.contains("https://"), "the report loads nothing from elsewhere");
    }

    @Test
    @Order(2)
    void aSecondRunReusesTheBrokerAndTheGalleryAndCtrlCLeavesNoProcessBehind() throws Exception {
        try (ChildJvm demo = start("second", demoArgs())) {
            demo.awaitOutput("[demo] camera ", Duration.ofMinutes(3));
            consoleShowsTheGallery(demo.output());
            List<ProcessHandle> tree = demo.processTree();
            assertTrue(tree.size() >= 2, "the demo and its broker are running: " + tree);
            // 130 = 128 + SIGINT: the demo closed everything, then exited with the signal's code (-1 would mean killed).
            assertEquals(130, demo.interrupt(Duration.ofMinutes(2)), demo::output);
            String log = demo.output();
            assertTrue(log.contains("broker: reusing the data of an earlier run"), log);
            assertTrue(log.contains("gallery: reusing 8 people enrolled by an earlier run"), log);
            assertFalse(log.contains("enrolled from"), "nobody is enrolled again: " + log);
            assertTrue(log.contains("[demo] stopped: broker, stream processor and ingest are down"), log);
            for (ProcessHandle p : tree) {
                assertTrue(p.onExit().isDone() || !p.isAlive(), "process " + p.pid() + " is gone after Ctrl-C");
            }
        }
    }

    /**
     * The tracked mode on scenes held for 2 s each (people standing, then the next group): the same
     * cast is alerted, each alert names the person at its box, one alert per track, and the report
     * says how long each was seen.
     */
    @Test
    @Order(3)
    void withTracksEachPersonStandingInAHeldSceneIsOneAlertOfItsTrackAndNoneNamesAWrongPerson() throws Exception {
        int hold = 4;
        Path held = Files.createDirectories(dir.resolve("held-scenes"));
        Path scenes = TestResources.testData().resolve("sitcom_cast/scenes");
        for (int i = 0; i < SCENES.size() * hold; i++) {
            Files.copy(scenes.resolve(SCENES.get(i / hold)), held.resolve(String.format("f%03d.jpg", i)));
        }
        String[] args = demoArgs("--duration", "20", "--cooldown", "0", "--tracks");
        args[Arrays.asList(args).indexOf("--frames") + 1] = held.toString();
        String log;
        try (ChildJvm demo = start("tracked", args)) {
            assertEquals(0, demo.awaitExit(Duration.ofMinutes(4)), demo::output);
            log = demo.output();
        }
        List<MatchAlert> alerts = alerts();
        Set<String> inScenes = SitcomScenes.FACES.stream().map(SitcomScenes.Face::person)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inScenes, alerts.stream().map(MatchAlert::identityId).collect(Collectors.toCollection(TreeSet::new)),
                "every cast member in the scenes is alerted, and nobody else; log:\n" + log);
        for (MatchAlert a : alerts) {
            String scene = SCENES.get((int) (a.sequence() % (SCENES.size() * hold)) / hold);
            FaceBox b = a.box();
            assertEquals(a.identityId(), SitcomScenes.personAt(scene, b.x(), b.y(), b.width(), b.height()),
                    "the alert's face in " + scene + " is the person it names");
            assertTrue(a.trackId() != null && a.facesUsed() >= 1 && a.lastSeenMs() >= a.firstSeenMs(), a.toString());
        }
        assertEquals(alerts.size(), alerts.stream().map(MatchAlert::trackId).distinct().count(),
                "one alert per track (the cooldown is off): " + alerts);
        String html = Files.readString(runDir().resolve("report.html"));
        assertTrue(html.contains("face(s) used (track "), "the report says how long each person was seen");
    }

    /** The demo's console answers on the address it printed, with the people the first run enrolled. */
    private static void consoleShowsTheGallery(String log) throws Exception {
        Matcher address = Pattern.compile("\\[demo\\] console: (http://127\\.0\\.0\\.1:\\d+/)").matcher(log);
        assertTrue(address.find(), log);
        URI console = URI.create(address.group(1));
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertEquals(200, http.send(HttpRequest.newBuilder(console).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode(), "the page, and a session: no sign-in on 127.0.0.1 without a password");
        String people = http.send(HttpRequest.newBuilder(console.resolve("/api/people")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String person : SitcomScenes.CAST) {
            assertTrue(people.contains("\"identityId\":\"" + person + "\""), people);
        }
    }

    private static List<MatchAlert> alerts() throws IOException {
        return Files.readAllLines(runDir().resolve("alerts.jsonl")).stream().filter(l -> !l.isBlank())
                .map(l -> Messages.fromJson(l.getBytes(StandardCharsets.UTF_8), MatchAlert.class)).toList();
    }

    /** A port whose successor is free too: the demo's broker takes PORT and PORT+1. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0)) {
                candidate = socket.getLocalPort();
            }
            try (ServerSocket a = new ServerSocket(candidate); ServerSocket b = new ServerSocket(candidate + 1)) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no pair of free ports found");
    }
}
