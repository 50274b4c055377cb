package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.model.MobileFaceNet;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.IndexException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader the processor uses for its first model and for every model announced later: a bundle
 * whose weights fail their checksum is refused before anything serves from it.
 */
class GenerationLoaderTest {
    @TempDir
    Path dir;

    @Test
    void aBundleWhoseWeightsFailTheirChecksumIsRefused() throws Exception {
        Path intact = dir.resolve("intact");
        ModelBundle.initRandom(intact, MobileFaceNet.ARCH, 7);
        Path tampered = dir.resolve("tampered");
        Files.createDirectories(tampered);
        try (var files = Files.list(intact)) {
            for (Path f : files.toList()) {
                Files.copy(f, tampered.resolve(f.getFileName()));
            }
        }
        Path weights = tampered.resolve(ModelBundle.DJL_WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(weights, bytes);

        Properties settings = new Properties();
        settings.putAll(Map.of("bootstrap", "localhost:9092", "index", "file:" + dir.resolve("index"),
                "model", tampered.toString(), "device", "cpu", "threshold", "0.5"));
        StreamsSettings s = StreamsSettings.load(settings, Map.of());
        try (GalleryCatalog catalog = GalleryCatalogs.open(s.indexUri())) {
            GenerationLoader loader = new GenerationLoader(s, catalog, new StreamsMetrics(new SimpleMeterRegistry()));

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> loader.load(tampered));
            assertTrue(refused.getMessage().contains(weights + " is corrupt"), refused.getMessage());

            // The intact original passes the checksum and stops only at the empty gallery: the
            // refusal above is the checksum's.
            IndexException noGallery = assertThrows(IndexException.class, () -> loader.load(intact));
            assertTrue(noGallery.getMessage().contains("has no collection for model"), noGallery.getMessage());
        }
    }
}
