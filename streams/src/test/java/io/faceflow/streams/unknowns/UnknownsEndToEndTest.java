package io.faceflow.streams.unknowns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.contract.topic.Topics;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.recognition.Enroller;
import io.faceflow.streams.app.StreamsApp;
import io.faceflow.streams.app.StreamsSettings;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as it runs ({@link StreamsApp}, tracks and unknowns on) with a real broker, the
 * pretrained model and an embedded index: Penny is enrolled; Raj and Howard are not. Raj's two
 * visits (two cameras) become one candidate with two visits and his best faces; Howard's becomes
 * another; Penny, alerted on, becomes none.
 */
class UnknownsEndToEndTest {
    private static final long FRAME_MS = 100;

    @TempDir
    Path dir;

    private KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sequences = new HashMap<>();

    private static byte[] photo(String person, int n) throws Exception {
        return Files.readAllBytes(TestResources.testData().resolve("sitcom_cast/people/" + person + "/" + person + n
                + ".png"));
    }

    private static byte[] blank() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR), "png", out);
        return out.toByteArray();
    }

    /** {@code frames} frames of {@code png} on {@code camera} from {@code fromMs}, one per 100 ms of capture time. */
    private long show(String camera, long fromMs, int frames, byte[] png) throws Exception {
        for (int i = 0; i < frames; i++) {
            long seq = sequences.merge(camera, 1L, Long::sum);
            RecordHeaders headers = new RecordHeaders();
            FrameHeaders.write(headers, new FrameHeaders.Frame(camera, fromMs + i * FRAME_MS, seq, 0, 0,
                    FrameHeaders.PNG));
            producer.send(new ProducerRecord<>(Topics.FRAMES, null, camera, png, headers)).get();
        }
        return fromMs + frames * FRAME_MS;
    }

    /** A visit: the face for 6 frames, then an empty scene past the tracks' gap, which ends the track. */
    private long visit(String camera, long fromMs, byte[] face) throws Exception {
        long t = show(camera, fromMs, 6, face);
        return show(camera, t + 2_000, 1, blank());
    }

    @Test
    void strangersBecomeCandidatesAndTheEnrolledDoNot() throws Exception {
        Path bundle = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("bundle"));
        String index = "file:" + dir.resolve("index");
        try (KafkaBroker broker = KafkaBroker.start(); GalleryCatalog catalog = GalleryCatalogs.open(index)) {
            String version;
            int dimension;
            try (YuNetDetector detector = new YuNetDetector(DetectorConfig.forModels(TestResources.models()));
                    RecognitionModel model = RecognitionModel.load(bundle, ModelOptions.CPU)) {
                new Enroller(detector, new FaceEmbedder(model, 8), FaceQuality.ENROLMENT,
                        new GalleryManager(catalog, new CropStore(dir.resolve("crops"))))
                        .enrol("penny", "Penny", Map.of("penny1.png", photo("penny", 1), "penny2.png", photo("penny", 2)));
                version = model.version();
                dimension = model.dimension();
            }
            Properties file = new Properties();
            file.putAll(Map.of("application.id", "unknowns-e2e", "metrics.port", "-1", "topic.partitions", "1",
                    "state.dir", dir.resolve("streams-state").toString(), "detect.max.side", "0", "device", "cpu",
                    "tracks", "true", "unknowns", "true", "replay", "true", "kafka.transaction.timeout.ms", "10000"));
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            try (StreamsApp app = StreamsApp.start(StreamsSettings.load(file, Map.of("bootstrap",
                    broker.bootstrapServers(), "index", index, "model", bundle.toString(), "models.dir",
                    TestResources.models().toString())), catalog)) {
                long t = 1_700_000_000_000L;
                t = visit("door", t, photo("raj", 3));
                t = visit("door", t + 60_000, photo("penny", 3));
                t = visit("hall", t + 60_000, photo("raj", 4));
                visit("door", t + 60_000, photo("howard", 3));
                CandidateStore candidates = catalog.candidates(version, dimension);
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (app.registry().counter("faceflow.unknowns.events", "outcome", "joined").count()
                        + app.registry().counter("faceflow.unknowns.events", "outcome", "created").count() < 3
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                List<Candidate> listed = candidates.list();
                assertEquals(2, listed.size(), "Raj and Howard, one candidate each; Penny is enrolled: " + listed);
                Candidate raj = listed.get(0);
                assertEquals(List.of("door", "hall"), raj.visits().stream().map(CandidateVisit::cameraId).toList());
                assertEquals(2, raj.members());
                assertTrue(!raj.shots().isEmpty() && raj.shots().size() <= UnknownsSettings.DEFAULT_MAX_SHOTS);
                BufferedImage shot = ImageIO.read(new ByteArrayInputStream(raj.shots().get(0).jpeg()));
                assertEquals(112, shot.getWidth(), "the aligned best face");
                assertEquals(1, listed.get(1).visits().size());
                assertEquals(Candidate.Status.OPEN, raj.status());
            } finally {
                producer.close();
            }
        }
    }
}
