package io.faceflow.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.training.train.FaceSetImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFaceSetTest {
    @TempDir
    Path dir;

    @Test
    void recordFileAsTrainingInput() throws Exception {
        SyntheticIdentities ids = new SyntheticIdentities(5, 32);
        Path rec = dir.resolve("faces.rec");
        try (RecordIoTestWriter w = new RecordIoTestWriter(rec, dir.resolve("faces.idx"))) {
            for (int i = 0; i < 6; i++) {
                w.write(i, new RecordIoHeader(0, new float[] {2 * (i % 3)}, i, 0), FaceImages.png(ids.image(i % 3, i)));
            }
        }
        try (RecordFaceSet set = RecordFaceSet.open(rec)) {
            assertEquals(6, set.size());
            assertEquals(5, set.identities().size(), "labels 0, 2, 4: names 0..4");
            assertEquals(112, set.face(3).width(), "32x32 records are resized to the template size");
            // A subset relabels to [0, k): records 1 and 4 are identity 2 and 2, record 2 is identity 4.
            FaceSetImages subset = new FaceSetImages(set, new int[] {1, 2, 4}, io.faceflow.core.model.InputSpec.ARCFACE);
            assertEquals(2, subset.classes());
            assertEquals(List.of(0, 1, 0), List.of(subset.label(0), subset.label(1), subset.label(2)));
            float[] chw = subset.image(0);
            assertEquals(3 * 112 * 112, chw.length);
            for (float v : chw) {
                assertTrue(v >= -1 && v <= 1);
            }
        }
        Path lonely = dir.resolve("lonely.rec");
        java.nio.file.Files.copy(rec, lonely);
        Exception e = assertThrows(Exception.class, () -> RecordFaceSet.open(lonely));
        assertTrue(e.getMessage().contains("lonely.idx"), e.getMessage());
    }
}
