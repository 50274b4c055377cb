package io.faceflow.streams.tracking;

import io.faceflow.core.detect.Box;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.Point;
import java.util.List;

/** Frontal faces and person-like embeddings made up for tracker tests. */
final class SyntheticFaces {
    static final int DIM = 16;
    static final long FRAME_MS = 100;

    private SyntheticFaces() {}

    /** A frontal face of side {@code size} whose top-left corner is at (x, y). */
    static DetectedFace face(double x, double y, double size, double score) {
        double s = size;
        List<Point> landmarks = List.of(new Point(x + 0.3 * s, y + 0.4 * s), new Point(x + 0.7 * s, y + 0.4 * s),
                new Point(x + 0.5 * s, y + 0.6 * s), new Point(x + 0.35 * s, y + 0.8 * s),
                new Point(x + 0.65 * s, y + 0.8 * s));
        return new DetectedFace(new Box(x, y, s, s), landmarks, score);
    }

    static FaceObservation seen(double x, double y, double size, double score) {
        return FaceObservation.unembedded(face(x, y, size, score), 0.5);
    }

    /** A face of {@code person}: its embedding points mostly along that person's own axis. */
    static FaceObservation personAt(int person, double x, double y, double quality) {
        return new FaceObservation(face(x, y, 80, 0.9), quality, embedding(person, 0.1 * x));
    }

    static float[] embedding(int person, double wobble) {
        float[] v = new float[DIM];
        v[person] = 1;
        v[(person + 1) % DIM] = (float) (0.2 * Math.sin(wobble));
        return v;
    }

    static TrackFrame frame(long sequence, FaceObservation... faces) {
        return new TrackFrame(sequence, 1_000_000 + sequence * FRAME_MS, List.of(faces));
    }
}
