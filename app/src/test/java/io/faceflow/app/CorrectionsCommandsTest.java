package io.faceflow.app;

import static io.faceflow.app.CommandLineTest.jsonLines;
import static io.faceflow.app.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.NegativeStore;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchlists, corrections and the negatives report through the command line: real photos enrolled
 * with the pretrained model, alerts on a real broker.
 */
class CorrectionsCommandsTest {
    @TempDir
    Path dir;

    @Test
    void watchlistsThenNotThisPersonThenTheReportAndForget() throws Exception {
        Path people = dir.resolve("people");
        for (String who : List.of("leonard", "penny")) {
            Files.createDirectories(people.resolve(who));
            for (int n = 1; n <= 2; n++) {
                Files.copy(TestResources.testData().resolve("sitcom_cast/people/" + who + "/" + who + n + ".png"),
                        people.resolve(who).resolve(who + n + ".png"));
            }
        }
        Path bundle = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("bundle"));
        String[] gallery = {"--index", "file:" + dir.resolve("index"), "--model", bundle.toString(), "--device", "cpu"};
        Run enrol = run(concat(new String[] {"enroll", "--folder", people.toString(), "--models-dir",
                TestResources.models().toString()}, gallery));
        assertEquals(0, enrol.exitCode(), enrol.out() + enrol.err());

        watchlists(gallery);
        Run again = run(concat(new String[] {"enroll", "--folder", people.toString(), "--models-dir",
                TestResources.models().toString()}, gallery));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("penny\tpenny\n", run("watchlist", "list", "staff", "--index", "file:" + dir.resolve("index")).out(),
                "re-enrolling keeps a person's watchlists");

        try (KafkaBroker broker = KafkaBroker.startInJvm()) {
            correct(broker, gallery);
        }

        String[] index = {"--index", "file:" + dir.resolve("index")};
        Path keep = dir.resolve("keep.properties");
        Files.writeString(keep, "threshold=0.99\n");
        Run kept = run(concat(new String[] {"corrections", "report", "--config", keep.toString()}, gallery));
        assertEquals(0, kept.exitCode(), kept.err());
        assertTrue(kept.out().startsWith("leonard (leonard): 2 negative(s), highest impostor score "), kept.out());
        assertTrue(kept.out().strip().endsWith("threshold 0.990 (given): keep"), kept.out());

        Path low = dir.resolve("low.properties");
        Files.writeString(low, "threshold.identity.leonard=-0.5\n");
        Run proposed = run(concat(new String[] {"corrections", "report", "--json", "--config", low.toString()}, gallery));
        assertEquals(0, proposed.exitCode(), proposed.err());
        JsonNode row = jsonLines(proposed.out()).get(0);
        double highest = row.get("highestImpostorScore").asDouble();
        double p = row.get("proposedThreshold").asDouble();
        assertTrue(highest < 0.99 && p > highest && p <= highest + 0.0100001, row.toString());
        assertEquals(-0.5, row.get("threshold").asDouble());
        assertEquals("threshold.identity.leonard", row.get("thresholdSource").asText());
        assertEquals(String.format(java.util.Locale.ROOT, "threshold.identity.leonard=%.2f", p),
                row.get("settingLine").asText());
        assertTrue(run(concat(new String[] {"corrections", "report", "--config", low.toString()}, gallery)).out()
                .contains("to apply it, add this line to the stream processor's settings: threshold.identity.leonard="));

        assertEquals(0, run(concat(new String[] {"forget", "--person", "leonard"}, index)).exitCode());
        Run none = run(concat(new String[] {"corrections", "report"}, gallery));
        assertTrue(none.out().startsWith("no negatives"), "forget erases the person's negatives: " + none.out());
    }

    private void watchlists(String[] gallery) {
        assertEquals("leonard: on watchlists vip\npenny: on watchlists vip\n",
                run(concat(new String[] {"watchlist", "add", "vip", "leonard", "penny"}, gallery)).out());
        assertEquals("penny: on watchlists staff, vip\n",
                run(concat(new String[] {"watchlist", "add", "staff", "penny"}, gallery)).out());
        String[] index = {"--index", "file:" + dir.resolve("index")};
        assertEquals("staff (1): penny\nvip (2): leonard, penny\n",
                run(concat(new String[] {"watchlist", "list"}, index)).out());
        assertEquals("penny: on watchlists staff\n",
                run(concat(new String[] {"watchlist", "remove", "vip", "penny"}, gallery)).out());
        assertEquals("leonard\tleonard\n", run(concat(new String[] {"watchlist", "list", "vip"}, index)).out());

        Run typo = run(concat(new String[] {"watchlist", "add", "vip", "penny", "nobody"}, gallery));
        assertEquals(1, typo.exitCode());
        assertTrue(typo.err().contains("no person 'nobody'") && typo.err().contains("nothing was changed"), typo.err());
        assertEquals("leonard\tleonard\n", run(concat(new String[] {"watchlist", "list", "vip"}, index)).out());
        Run badName = run(concat(new String[] {"watchlist", "add", "v.i.p", "penny"}, gallery));
        assertEquals(1, badName.exitCode());
        assertTrue(badName.err().contains("watchlist name 'v.i.p' is not valid"), badName.err());
    }

    private void correct(KafkaBroker broker, String[] gallery) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.MATCHES, 2, (short) 1))).all().get();
        }
        // Penny's enrolled crop, as the JPEG thumbnail of an alert that wrongly named Leonard.
        CropStore crops = new CropStore(dir.resolve("index").resolve("crops"));
        byte[] pennyPng = crops.crops("penny").values().iterator().next();
        String thumbnail = Base64.getEncoder().encodeToString(
                ImageEncoder.jpeg(new ImageDecoder().decode(pennyPng), 85));
        long now = System.currentTimeMillis();
        long tenDaysAgo = now - Duration.ofDays(10).toMillis();
        // In the order a camera raises them: one camera's alerts share a partition, the old one first.
        send(broker, alert("door-old-0", tenDaysAgo, thumbnail), tenDaysAgo);
        send(broker, alert("door-1-0", now, thumbnail), now);
        send(broker, alert("door-2-0", now, null), now);
        String[] kafka = {"--bootstrap", broker.bootstrapServers(), "--index", "file:" + dir.resolve("index")};

        Run stored = run(concat(new String[] {"correct", "door-1-0", "--not", "--by", "ops"}, kafka));
        assertEquals(0, stored.exitCode(), stored.err());
        assertTrue(stored.out().startsWith("stored the face of alert door-1-0 as a negative of leonard (Leonard):"
                + " camera door"), stored.out());
        assertTrue(stored.out().strip().endsWith("by ops"), stored.out());
        Run again = run(concat(new String[] {"correct", "door-1-0", "--not"}, kafka));
        assertEquals("alert door-1-0 was already corrected as not leonard: nothing changed\n", again.out());

        Run noFace = run(concat(new String[] {"correct", "door-2-0", "--not"}, kafka));
        assertEquals(1, noFace.exitCode());
        assertTrue(noFace.err().contains("thumbnails=true"), noFace.err());
        Run old = run(concat(new String[] {"correct", "door-old-0", "--not"}, kafka));
        assertEquals(1, old.exitCode());
        assertTrue(old.err().contains("no alert 'door-old-0'") && old.err().contains("--since"), old.err());
        Run further = run(concat(new String[] {"correct", "door-old-0", "--not", "--since", "P30D"}, kafka));
        assertEquals(0, further.exitCode(), further.err());
        Run unknown = run(concat(new String[] {"correct", "door-9-0", "--not"}, kafka));
        assertEquals(1, unknown.exitCode());
        Run withoutNot = run(concat(new String[] {"correct", "door-1-0"}, kafka));
        assertEquals(2, withoutNot.exitCode(), "--not is what the correction says: " + withoutNot.err());

        NegativeStore negatives = new NegativeStore(crops);
        assertEquals(List.of("door-1-0", "door-old-0"), negatives.negatives("leonard").stream().map(n -> n.alertId()).toList());
        assertEquals("ops", negatives.negatives("leonard").get(0).by());
        assertFalse(crops.crops("leonard").containsKey("door-1-0"), "never a template");
    }

    private static MatchAlert alert(String id, long captureMs, String thumbnail) {
        return new MatchAlert(MatchAlert.SCHEMA_VERSION, id, "door", captureMs, 1, "leonard", "Leonard", 0.52, 0.3843,
                new FaceBox(10, 20, 100, 120), "v", "v", thumbnail);
    }

    private static void send(KafkaBroker broker, MatchAlert alert, long timestamp) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.MATCHES, null, timestamp, alert.cameraId(),
                    Messages.toJson(alert))).get();
        }
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
