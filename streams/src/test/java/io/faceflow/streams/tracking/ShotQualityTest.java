package io.faceflow.streams.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.detect.Box;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotQualityTest {
    private static DetectedFace withNoseAt(double noseX) {
        return new DetectedFace(new Box(0, 0, 112, 112), List.of(new Point(30, 40), new Point(70, 40),
                new Point(noseX, 60), new Point(35, 80), new Point(65, 80)), 0.9);
    }

    @Test
    void aLargeSharpFrontalFaceScoresOne() {
        assertEquals(1.0, ShotQuality.of(withNoseAt(50), 30), 1e-9);
        assertEquals(1.0, ShotQuality.of(withNoseAt(50), Double.NaN), 1e-9, "sharpness not measured");
    }

    @Test
    void turningTheHeadLowersTheScoreToZeroOverAnEye() {
        assertEquals(0.5, ShotQuality.frontality(withNoseAt(60).landmarks()), 1e-9);
        assertEquals(0.0, ShotQuality.frontality(withNoseAt(70).landmarks()), 1e-9);
        assertEquals(0.5, ShotQuality.frontality(withNoseAt(40).landmarks()), 1e-9, "either way");
    }

    @Test
    void smallOrBlurredFacesScoreInProportion() {
        DetectedFace small = SyntheticFaces.face(0, 0, 56, 0.9);
        assertEquals(0.5, ShotQuality.of(small, 30), 1e-9);
        assertEquals(0.25, ShotQuality.of(withNoseAt(50), 3), 1e-9, "a quarter of full sharpness 12");
        assertTrue(ShotQuality.of(small, 3) < ShotQuality.of(small, 30));
    }
}
