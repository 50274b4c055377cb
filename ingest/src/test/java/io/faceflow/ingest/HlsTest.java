package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.testkit.KafkaBroker;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HLS stream (playlist + segments written by FFmpeg, served over HTTP) through ingest into Kafka. */
class HlsTest {
    @TempDir
    Path dir;

    @Test
    void hlsOverHttpArrivesInKafka() throws Exception {
        Path hls = Files.createDirectory(dir.resolve("hls"));
        writeHls(hls.resolve("index.m3u8"), 320, 240, 25, 100);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = hls.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(hls) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type",
                    file.toString().endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (KafkaBroker broker = KafkaBroker.start()) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.m3u8";
            String topic = "frames-hls-" + System.nanoTime();
            IngestConfig config = IngestConfig.of(broker.bootstrapServers(), List.of(CameraConfig.of("hls", url, 5)))
                    .withTopic(topic).withMetricsPort(-1).withTimings(3, 100, 400, 60);
            long sent;
            try (Ingest ingest = Ingest.start(config)) {
                CameraMetrics m = ingest.metrics("hls");
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (m.sentCount() < 10 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                sent = m.sentCount();
            }
            List<ConsumerRecord<String, byte[]>> records = FrameConsumer.readUntil(broker.bootstrapServers(),
                    topic, Duration.ofSeconds(20), r -> r.size() >= sent);
            assertTrue(records.size() >= 10, records.size() + " records");
            long previous = -1;
            for (ConsumerRecord<String, byte[]> record : records) {
                FrameHeaders.Frame headers = FrameHeaders.read(record.headers());
                // A VOD playlist is read faster than real time; as a live source its oldest unsent
                // frames give way to newer ones, so gaps are allowed, reordering is not.
                assertTrue(headers.sequence() > previous, "in order");
                previous = headers.sequence();
                assertEquals(320, headers.width());
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(record.value()));
                assertEquals(320, image.getWidth());
                assertEquals(240, image.getHeight());
            }
        } finally {
            server.stop(0);
        }
    }

    static void writeHls(Path playlist, int width, int height, double fps, int frames) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(playlist.toString(), width, height, 0);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("hls");
            recorder.setOptions(Map.of("hls_time", "1", "hls_list_size", "0", "hls_playlist_type", "vod"));
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(25);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                try (Mat mat = new Mat(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                        new Scalar(i % 255, 128, 255 - i % 255, 0))) {
                    recorder.record(converter.convert(mat), avutil.AV_PIX_FMT_BGR24);
                }
            }
            recorder.stop();
        }
    }
}
