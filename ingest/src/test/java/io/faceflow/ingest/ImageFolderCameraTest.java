package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.source.SourceKind;
import io.faceflow.testkit.KafkaBroker;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of photos played as a looping camera into a real broker. */
class ImageFolderCameraTest {
    /** Photos of different sizes and formats, each a flat colour so a frame tells which photo it is. */
    private static final List<Color> COLOURS = List.of(Color.RED, Color.GREEN, Color.BLUE);

    @Test
    void photosArriveInNameOrderAtTheCamerasRateAndLoop(@TempDir Path dir) throws Exception {
        Path folder = threePhotos(dir.resolve("scenes"));
        Files.writeString(folder.resolve("notes.txt"), "not an image: skipped");
        assertEquals(SourceKind.FOLDER, SourceKind.of(folder.toString()));

        String topic = "frames-folder-" + System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start()) {
            IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(
                            CameraConfig.of("scenes", folder.toString(), 10).withPlayback(true, true)))
                    .withTopic(topic).withMetricsPort(-1).withProducer(Map.of("max.block.ms", "20000"));
            long start = System.nanoTime();
            List<ConsumerRecord<String, byte[]>> records;
            try (Ingest ingest = Ingest.start(config)) {
                records = FrameConsumer.readUntil(broker.bootstrapServers(), topic, Duration.ofSeconds(60),
                        r -> r.size() >= 8);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(records.size() >= 8, "a looping folder keeps sending: " + records.size());
            // 8 frames at 10 fps is 0.7 s of media time; paced on the wall clock it cannot arrive faster.
            assertTrue(seconds >= 0.7, "played at the camera's rate, not as fast as possible: " + seconds + " s");
            for (int i = 0; i < 8; i++) {
                FrameHeaders.Frame h = FrameHeaders.read(records.get(i).headers());
                assertEquals(i, h.sequence(), "sequence numbers run on across loops");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(records.get(i).value()));
                int[] expectedSize = switch (i % 3) {
                    case 0 -> new int[] {320, 240};
                    case 1 -> new int[] {200, 300};
                    default -> new int[] {640, 360};
                };
                assertEquals(expectedSize[0], h.width(), "frame " + i);
                assertEquals(expectedSize[1], image.getHeight(), "frame " + i);
                assertEquals(COLOURS.get(i % 3), dominant(image), "frame " + i + " is photo " + (i % 3));
            }
        }
    }

    @Test
    void aJpegWithinTheSizeCapIsSentAsItsFileHoldsItAndOthersAreEncoded(@TempDir Path dir) throws Exception {
        Path folder = threePhotos(dir.resolve("photos"));
        String topic = "frames-passthrough-" + System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start()) {
            IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(
                            CameraConfig.of("photos", folder.toString(), 20).withPlayback(true, false)
                                    .withResizeCap(400, 0)))
                    .withTopic(topic).withMetricsPort(-1).withProducer(Map.of("max.block.ms", "20000"));
            List<ConsumerRecord<String, byte[]>> records;
            try (Ingest ingest = Ingest.start(config)) {
                records = FrameConsumer.readUntil(broker.bootstrapServers(), topic, Duration.ofSeconds(60),
                        r -> r.size() >= 3);
            }
            assertArrayEquals(Files.readAllBytes(folder.resolve("a.jpg")), records.get(0).value(),
                    "a JPEG within the cap is not decoded and re-encoded");
            assertEquals(320, FrameHeaders.read(records.get(0).headers()).width());
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(records.get(1).value()));
            assertEquals(List.of(200, 300, "JPEG"), List.of(png.getWidth(), png.getHeight(), FrameHeaders.read(
                    records.get(1).headers()).contentType().equals(FrameHeaders.JPEG) ? "JPEG" : "other"));
            BufferedImage capped = ImageIO.read(new ByteArrayInputStream(records.get(2).value()));
            assertEquals(List.of(400, 225), List.of(capped.getWidth(), capped.getHeight()),
                    "a JPEG over the cap is scaled down");
            assertEquals(COLOURS.get(2), dominant(capped));
        }
    }

    /** a.jpg 320x240 red, b.png 200x300 green, c.jpg 640x360 blue. */
    private static Path threePhotos(Path folder) throws Exception {
        Files.createDirectories(folder);
        write(folder.resolve("a.jpg"), 320, 240, COLOURS.get(0), "jpg");
        write(folder.resolve("b.png"), 200, 300, COLOURS.get(1), "png");
        write(folder.resolve("c.jpg"), 640, 360, COLOURS.get(2), "jpg");
        return folder;
    }

    private static void write(Path file, int w, int h, Color colour, String format) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ImageIO.write(image, format, file.toFile());
    }

    private static Color dominant(BufferedImage image) {
        Color c = new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
        return COLOURS.stream()
                .min(java.util.Comparator.comparingInt(k -> Math.abs(k.getRed() - c.getRed())
                        + Math.abs(k.getGreen() - c.getGreen()) + Math.abs(k.getBlue() - c.getBlue())))
                .orElseThrow();
    }
}
