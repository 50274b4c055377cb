package io.faceflow.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.contract.topic.Topics;
import io.faceflow.ingest.encode.ResizeCap;
import io.faceflow.ingest.publish.LatestFrameQueue;
import io.faceflow.ingest.source.Backoff;
import io.faceflow.ingest.source.FrameSampler;
import io.faceflow.ingest.source.SourceKind;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The small parts on their own: sampling, the drop-oldest queue, backoff, resize, headers. */
class UnitsTest {
    @Test
    void samplerKeepsTheTargetRateFromAFasterSource() {
        FrameSampler sampler = new FrameSampler(10);
        int kept = 0;
        for (int i = 0; i < 250; i++) { // 10 s at 25 fps
            if (sampler.keep(i * 40_000L)) {
                kept++;
            }
        }
        assertEquals(100, kept);
    }

    @Test
    void samplerKeepsAllAtZeroAndDoesNotBurstAfterAGap() {
        FrameSampler all = new FrameSampler(0);
        assertTrue(all.keep(0) && all.keep(1) && all.keep(2));
        FrameSampler sampler = new FrameSampler(10);
        assertTrue(sampler.keep(0));
        assertTrue(sampler.keep(5_000_000)); // 5 s gap
        assertFalse(sampler.keep(5_040_000));
        assertTrue(sampler.keep(5_100_000));
    }

    @Test
    void queueDropsTheOldestWhenFull() throws InterruptedException {
        LatestFrameQueue<Integer> queue = new LatestFrameQueue<>(3);
        int dropped = 0;
        for (int i = 0; i < 10; i++) {
            dropped += queue.offer(i);
        }
        assertEquals(7, dropped);
        assertEquals(7, queue.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(8, queue.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(9, queue.poll(0, TimeUnit.MILLISECONDS));
        assertNull(queue.poll(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void waitingOfferTakesRoomWhenTheConsumerCatchesUp() throws Exception {
        LatestFrameQueue<Integer> queue = new LatestFrameQueue<>(1);
        queue.offer(1);
        Thread taker = new Thread(() -> {
            try {
                Thread.sleep(50);
                queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        assertEquals(0, queue.offerWaiting(2, 5, TimeUnit.SECONDS));
        taker.join();
        assertEquals(1, queue.offerWaiting(3, 1, TimeUnit.MILLISECONDS), "still full after the wait: oldest dropped");
    }

    @Test
    void backoffGrowsWithJitterUpToTheMaximumAndResets() {
        Backoff backoff = new Backoff(100, 1000);
        long[] steps = {100, 200, 400, 800, 1000, 1000};
        for (long step : steps) {
            long delay = backoff.nextDelayMs();
            assertTrue(delay >= step / 2 && delay <= step, delay + " within [" + step / 2 + ", " + step + "]");
        }
        backoff.reset();
        assertTrue(backoff.nextDelayMs() <= 100);
    }

    @Test
    void resizeCapKeepsAspectAndNeverUpscales() {
        assertArrayEquals(new int[] {1280, 720}, new ResizeCap(0, 720).fit(1920, 1080));
        assertArrayEquals(new int[] {640, 360}, new ResizeCap(640, 0).fit(1920, 1080));
        assertArrayEquals(new int[] {640, 360}, new ResizeCap(1280, 720).fit(640, 360));
        assertArrayEquals(new int[] {1920, 1080}, ResizeCap.NONE.fit(1920, 1080));
    }

    @Test
    void sourceKindFromUrl() {
        assertEquals(SourceKind.RTSP, SourceKind.of("rtsp://cam/stream"));
        assertEquals(SourceKind.HTTP, SourceKind.of("https://cam/live.m3u8"));
        assertEquals(SourceKind.DEVICE, SourceKind.of("/dev/video0"));
        assertEquals(SourceKind.FILE, SourceKind.of("/data/clip.mp4"));
        assertFalse(SourceKind.FILE.live());
    }

    @Test
    void frameHeadersRoundTrip() {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.Frame frame = new FrameHeaders.Frame("cam-1", 1_700_000_000_123L, 42, 1280, 720, FrameHeaders.JPEG);
        FrameHeaders.write(headers, frame);
        FrameHeaders.write(headers, frame); // writing twice replaces, never duplicates
        assertEquals(frame, FrameHeaders.read(headers));
        assertEquals(1, headers.toArray().length / 6);
        RecordHeaders partial = new RecordHeaders();
        FrameHeaders.putString(partial, FrameHeaders.CAMERA_ID, "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameHeaders.read(partial));
        assertTrue(e.getMessage().contains(FrameHeaders.CAPTURE_TIME));
        assertEquals("faceflow.frames", Topics.FRAMES);
    }
}
