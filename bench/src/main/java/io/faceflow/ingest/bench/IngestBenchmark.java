package io.faceflow.ingest.bench;

import io.faceflow.ingest.Ingest;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.config.IngestConfig;
import io.faceflow.ingest.encode.EncodedImage;
import io.faceflow.ingest.encode.JpegEncoder;
import io.faceflow.ingest.encode.ResizeCap;
import io.faceflow.ingest.metrics.CameraMetrics;
import io.faceflow.ingest.source.SourceException;
import io.faceflow.ingest.source.FrameSource;
import io.faceflow.ingest.source.SourceOpener;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.Frame;

/**
 * Measures what ingest costs: how many 1080p frames one core turns into 720p JPEG per second,
 * and the delay from grab to broker acknowledgement through the real producer.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {}

    public static BenchResult run(BenchOptions options) throws SourceException, InterruptedException {
        CameraConfig camera = CameraConfig.of("bench", options.video().toString(), 0)
                .withResizeCap(0, options.maxHeight()).withJpegQuality(options.quality()).withPlayback(false, true)
                .withOptions(java.util.Map.of(SourceOpener.DECODER_PREFIX + "threads", "1"));
        // One core: FFmpeg's decoder and OpenCV's resize would otherwise spread over every core.
        int openCvThreads = org.bytedeco.opencv.global.opencv_core.getNumThreads();
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        try {
            return measure(camera, options);
        } finally {
            org.bytedeco.opencv.global.opencv_core.setNumThreads(openCvThreads);
        }
    }

    private static BenchResult measure(CameraConfig camera, BenchOptions options) throws SourceException, InterruptedException {
        // Decode alone first (also warms up natives and page cache), then the whole pipeline on one thread.
        double decodeFps = measureDecode(camera, options.frames());
        int[] inSize = new int[2];
        int[] outSize = new int[2];
        long totalBytes = 0;
        int done = 0;
        long start;
        long elapsed;
        try (JpegEncoder encoder = new JpegEncoder(new ResizeCap(0, options.maxHeight()), options.quality())) {
            try (LoopingSource source = new LoopingSource(camera)) {
                inSize[0] = source.width();
                inSize[1] = source.height();
                start = System.nanoTime();
                while (done < options.frames()) {
                    EncodedImage image = source.encodeNext(encoder);
                    outSize[0] = image.width();
                    outSize[1] = image.height();
                    totalBytes += image.bytes().length;
                    done++;
                }
                elapsed = System.nanoTime() - start;
            }
        }
        double pipelineFps = done / (elapsed / 1e9);
        long sent = 0;
        long dropped = 0;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        if (options.bootstrap() != null) {
            CameraConfig live = new CameraConfig("bench", options.video().toString(), options.fps(), true, 0,
                    options.maxHeight(), options.quality(), true, true, null, null);
            IngestConfig config = IngestConfig.of(options.bootstrap(), List.of(live))
                    .withMetricsPort(-1).withTopic("faceflow.bench.frames").withProducer(options.kafka());
            Ingest ingest = Ingest.start(config);
            try {
                Thread.sleep((long) (options.seconds() * 1000));
                CameraMetrics m = ingest.metrics("bench");
                sent = m.sentCount();
                dropped = m.droppedCount();
                for (ValueAtPercentile v : m.ackDelay().takeSnapshot().percentileValues()) {
                    if (v.percentile() == 0.5) {
                        p50 = v.value(TimeUnit.MILLISECONDS);
                    } else if (v.percentile() == 0.99) {
                        p99 = v.value(TimeUnit.MILLISECONDS);
                    }
                }
            } finally {
                ingest.close();
            }
        }
        return new BenchResult(inSize[0], inSize[1], outSize[0], outSize[1], done, decodeFps, pipelineFps,
                done == 0 ? 0 : (double) totalBytes / done, sent, dropped, p50, p99);
    }

    private static double measureDecode(CameraConfig camera, int frames) throws SourceException {
        try (LoopingSource source = new LoopingSource(camera)) {
            long start = System.nanoTime();
            for (int done = 0; done < frames; done++) {
                source.next();
            }
            return frames / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The clip played again from the start whenever it ends, so any frame count can be measured. */
    private static final class LoopingSource implements AutoCloseable {
        private final CameraConfig camera;
        private FrameSource source;

        LoopingSource(CameraConfig camera) throws SourceException {
            this.camera = camera;
            this.source = SourceOpener.open(camera, Duration.ofSeconds(10));
        }

        int width() {
            return source.width();
        }

        int height() {
            return source.height();
        }

        /** The next frame as ingest would send it. */
        EncodedImage encodeNext(JpegEncoder encoder) throws SourceException {
            Frame frame = next();
            return source.encode(frame, encoder);
        }

        Frame next() throws SourceException {
            for (int reopened = 0; reopened < 2; reopened++) {
                Frame frame;
                try {
                    do {
                        frame = source.grabImage();
                    } while (frame != null && frame.image == null);
                } catch (SourceException e) {
                    throw e;
                } catch (Exception e) {
                    throw new SourceException(camera, "read failed: " + e.getMessage(), e);
                }
                if (frame != null) {
                    return frame;
                }
                source.close();
                source = SourceOpener.open(camera, Duration.ofSeconds(10));
            }
            throw new SourceException(camera, "gave no image");
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
