package io.faceflow.console;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.contract.topic.Topics;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
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
import io.faceflow.recognition.CropReembedder;
import io.faceflow.recognition.Enroller;
import io.faceflow.streams.app.StreamsApp;
import io.faceflow.streams.app.StreamsSettings;
import io.faceflow.testkit.KafkaBroker;
import io.faceflow.testkit.TestResources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/**
 * Everything real the console tests run against, in this JVM: a KRaft broker, an embedded index
 * shared by the stream processor and the console, the pretrained MobileFaceNet (its shipped ORL
 * calibration is the decision threshold), the stream processor itself with thumbnails on, and the
 * console with a password, searching with the stream's live model (as the demo runs them).
 */
final class ConsoleFixture implements AutoCloseable {
    static final String PASSWORD = "console test password";
    static final long MAX_UPLOAD_BYTES = 1024 * 1024;
    static final List<String> ENROLLED = List.of("leonard", "penny", "sheldon");

    final Path dir;
    final Path bundle;
    final KafkaBroker broker;
    final GalleryCatalog catalog;
    final GalleryManager gallery;
    final YuNetDetector detector;
    final RecognitionModel model;
    final StreamsApp streams;
    final ConsoleServer console;
    private final KafkaProducer<String, byte[]> producer;
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    ConsoleFixture(Path dir) throws Exception {
        this(dir, Map.of());
    }

    /** With {@code streamSettings} added to (or replacing) the stream processor's settings file. */
    ConsoleFixture(Path dir, Map<String, String> streamSettings) throws Exception {
        this.dir = dir;
        audit.start();
        ((Logger) LoggerFactory.getLogger("faceflow.audit")).addAppender(audit);
        broker = KafkaBroker.startInJvm();
        bundle = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("bundle"));
        String index = "file:" + dir.resolve("index");
        catalog = GalleryCatalogs.open(index);
        gallery = new GalleryManager(catalog, new CropStore(dir.resolve("crops")));
        detector = new YuNetDetector(DetectorConfig.forModels(TestResources.models()));
        model = RecognitionModel.load(bundle, ModelOptions.CPU);
        FaceEmbedder embedder = new FaceEmbedder(model, 8);
        Enroller enroller = new Enroller(detector, embedder, FaceQuality.ENROLMENT, gallery);
        for (String person : ENROLLED) {
            enroller.enrol(person, Character.toUpperCase(person.charAt(0)) + person.substring(1),
                    photos(person, 1, 2));
        }
        Properties file = new Properties();
        file.putAll(Map.of("application.id", "console-test", "thumbnails", "true", "metrics.port", "0",
                "state.dir", dir.resolve("streams-state").toString(), "topic.partitions", "1",
                "detect.max.side", "0", "device", "cpu", "kafka.transaction.timeout.ms", "10000"));
        file.putAll(streamSettings);
        streams = StreamsApp.start(StreamsSettings.load(file, Map.of("bootstrap", broker.bootstrapServers(),
                "index", index, "model", bundle.toString(), "models.dir", TestResources.models().toString())), catalog);
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", broker.bootstrapServers());
        console = ConsoleServer.start(new ConsoleSettings("127.0.0.1", 0,
                PasswordHash.of(PASSWORD.toCharArray(), 10_000), kafka,
                List.of(URI.create("http://127.0.0.1:" + streams.metricsPort() + "/metrics")), MAX_UPLOAD_BYTES),
                new ConsoleServices(gallery, detector, streams.live()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Re-embeds the gallery with the flip-averaged form of the same network (another embedding
     * space, so another model version), switches live to it and announces it, as
     * {@code faceflow gallery reindex --model --bootstrap} does: gives the models page something to
     * roll back. Returns the new version.
     */
    String reindexWithASecondVersion() throws Exception {
        Path second = dir.resolve("bundle-flip");
        try (var files = Files.list(bundle)) {
            Files.createDirectories(second);
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, second.resolve(f.getFileName()));
            }
        }
        BundleManifest manifest = ModelBundle.readManifest(bundle);
        ModelBundle.writeManifest(second, manifest.withEmbedding(EmbeddingProtocol.FLIP_AVERAGED,
                manifest.version() + "-flip"));
        try (RecognitionModel flip = RecognitionModel.load(second, ModelOptions.CPU)) {
            String version = gallery.reindex(new CropReembedder(new FaceEmbedder(flip, 8)), 32).toVersion();
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", broker.bootstrapServers());
            ModelTopicWriter.announceLive(kafka, version, second);
            return version;
        }
    }

    static Path photo(String person, int n) {
        return TestResources.testData().resolve("sitcom_cast/people/" + person + "/" + person + n + ".png");
    }

    private static Map<String, byte[]> photos(String person, int... numbers) throws Exception {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int n : numbers) {
            photos.put(photo(person, n).toString(), Files.readAllBytes(photo(person, n)));
        }
        return photos;
    }

    /** The audit lines logged so far. */
    List<String> audit() {
        synchronized (audit) {
            return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Produces one frame as a camera would; returns its capture time, which is also when it was sent. */
    long sendFrame(String camera, long sequence, Path image) throws Exception {
        return sendFrame(camera, sequence, Files.readAllBytes(image));
    }

    /** Produces one PNG frame as a camera would; returns its capture time, which is also when it was sent. */
    long sendFrame(String camera, long sequence, byte[] png) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        long now = System.currentTimeMillis();
        FrameHeaders.write(headers, new FrameHeaders.Frame(camera, now, sequence, 0, 0, FrameHeaders.PNG));
        producer.send(new ProducerRecord<>(Topics.FRAMES, null, camera, png, headers)).get();
        return now;
    }

    @Override
    public void close() {
        producer.close();
        console.close();
        streams.close();
        model.close();
        detector.close();
        catalog.close();
        broker.close();
    }
}
