package io.faceflow.streams.topology;

import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.quality.QualityMeasures;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The best face of each live track as it was seen: detection, measures and, when kept (alert
 * thumbnails, or unknown tracks published with their face), the aligned crop's JPEG. Kept in memory, not in the tracks store, to keep the store's changelog
 * small: after a restart a track's best face starts again from its next frame (the store still
 * knows where the best shot was). Bounded: past {@value #MAX_TRACKS} tracks the oldest entry goes.
 */
final class BestFaces {
    static final int MAX_TRACKS = 1024;
    private static final int JPEG_QUALITY = 85;

    /** One track's best face; {@code jpeg} null when crops are not kept. */
    record BestFace(long captureMs, int faceIndex, DetectedFace detection, QualityMeasures quality,
            byte[] jpeg) {}

    private final boolean keepJpeg;
    private final Map<String, BestFace> byTrack = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BestFace> eldest) {
            return size() > MAX_TRACKS;
        }
    };

    BestFaces(boolean keepJpeg) {
        this.keepJpeg = keepJpeg;
    }

    /** Records {@code face} as the best of {@code trackId}. */
    void put(String trackId, long captureMs, int faceIndex, AnalyzedFace face) {
        byTrack.put(trackId, new BestFace(captureMs, faceIndex, face.detection(), face.quality(),
                keepJpeg ? jpeg(face) : null));
    }

    /** The face's aligned crop as JPEG, as thumbnails are sent. */
    static byte[] jpeg(AnalyzedFace face) {
        return ImageEncoder.jpeg(face.crop(), JPEG_QUALITY);
    }

    /** The best face recorded for {@code trackId} since this processor started; null when none. */
    BestFace get(String trackId) {
        return byTrack.get(trackId);
    }

    void forget(String trackId) {
        byTrack.remove(trackId);
    }
}
