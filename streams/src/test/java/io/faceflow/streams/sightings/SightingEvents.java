package io.faceflow.streams.sightings;

import io.faceflow.contract.message.FaceBox;
import io.faceflow.contract.message.SightingEvent;
import java.util.List;
import java.util.Random;

/** Synthetic sightings: only the fields the store keeps matter here, so the faces are random unit vectors. */
final class SightingEvents {
    static final int DIM = 16;

    private SightingEvents() {}

    static SightingEvent of(String id, String version, long captureMs, String identity, float[] embedding) {
        return new SightingEvent(id, "door", captureMs, 0, 0, new FaceBox(0, 0, 10, 10), List.of(),
                new SightingEvent.Quality(64, 100, 0.9), embedding, version, identity, identity, identity,
                identity == null ? 0.1 : 0.9, 0.5);
    }

    static float[] unit(Random random) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
