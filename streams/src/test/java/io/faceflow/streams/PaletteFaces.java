package io.faceflow.streams;

import io.faceflow.core.detect.Box;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.detect.Point;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.embed.Vectors;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic frames for topology tests, with a detector and an embedder that understand them: a
 * frame is a black 256x128 image with up to four 48x48 squares ("faces"), each filled with a
 * palette colour; the embedding of a face is the unit vector of its palette index. So a test
 * controls exactly who is in a frame without a face model.
 */
final class PaletteFaces {
    static final int DIM = 8;
    private static final int SLOT = 64;
    private static final int SIDE = 48;

    private PaletteFaces() {}

    /** A frame (PNG) showing faces of the given palette indices (1..7), one per slot. */
    static byte[] frame(int... palette) {
        int w = SLOT * 4;
        int h = 128;
        byte[] px = new byte[w * h * 3];
        for (int slot = 0; slot < palette.length; slot++) {
            byte v = (byte) (palette[slot] * 30);
            for (int y = 40; y < 40 + SIDE; y++) {
                for (int x = slot * SLOT + 8; x < slot * SLOT + 8 + SIDE; x++) {
                    int i = (y * w + x) * 3;
                    px[i] = v;
                    px[i + 1] = v;
                    px[i + 2] = v;
                }
            }
        }
        return ImageEncoder.png(new BgrImage(w, h, px));
    }

    static float[] vector(int palette) {
        float[] v = new float[DIM];
        v[palette] = 1;
        return v;
    }

    /** Finds the squares: a slot whose centre is not black holds a face. */
    static final class Detector implements FaceDetector {
        @Override
        public List<DetectedFace> detect(BgrImage image) {
            List<DetectedFace> faces = new ArrayList<>();
            for (int slot = 0; slot * SLOT < image.width(); slot++) {
                int cx = slot * SLOT + 8 + SIDE / 2;
                int cy = 40 + SIDE / 2;
                if (image.pixels()[(cy * image.width() + cx) * 3] != 0) {
                    double x = slot * SLOT + 8;
                    double y = 40;
                    faces.add(new DetectedFace(new Box(x, y, SIDE, SIDE), List.of(
                            new Point(x + 16, y + 18), new Point(x + 32, y + 18), new Point(x + 24, y + 26),
                            new Point(x + 18, y + 36), new Point(x + 30, y + 36)), 0.99));
                }
            }
            return faces;
        }

        @Override
        public void close() {}
    }

    /** The aligned crop's centre grey level names the palette index. */
    static final class PaletteEmbedder implements Embedder {
        private final String version;

        PaletteEmbedder(String version) {
            this.version = version;
        }

        @Override
        public String modelVersion() {
            return version;
        }

        @Override
        public int dimension() {
            return DIM;
        }

        @Override
        public float[][] embed(List<BgrImage> crops) {
            return crops.stream().map(c -> embedding(Math.round((c.pixels()[(56 * c.width() + 56) * 3] & 0xFF) / 30f)))
                    .toArray(float[][]::new);
        }

        /** This version's embedding of a face of palette index {@code palette}. */
        float[] embedding(int palette) {
            float[] v = vector(palette);
            // A slight tilt keeps the score below 1 and tells versions apart.
            v[0] = version.hashCode() % 2 == 0 ? 0.2f : 0.1f;
            return Vectors.normalize(v);
        }
    }
}
