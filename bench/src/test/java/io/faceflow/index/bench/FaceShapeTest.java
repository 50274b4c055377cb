package io.faceflow.index.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceShapeTest {
    @TempDir
    Path dir;

    /** People at known centres, photos at a known isotropic spread around them. */
    static Map<String, List<float[]>> people(int count, int photos, int dim, double spread, long seed) {
        Random random = new Random(seed);
        Map<String, List<float[]>> byIdentity = new LinkedHashMap<>();
        for (int p = 0; p < count; p++) {
            float[] centre = new float[dim];
            for (int i = 0; i < dim; i++) {
                centre[i] = (float) (random.nextGaussian() * (i < 4 ? 1.0 : 0.1)) + (i == 0 ? 2f : 0f);
            }
            List<float[]> faces = new ArrayList<>();
            for (int f = 0; f < photos; f++) {
                float[] v = centre.clone();
                for (int i = 0; i < dim; i++) {
                    v[i] += (float) (random.nextGaussian() * spread / Math.sqrt(dim));
                }
                faces.add(v);
            }
            byIdentity.put("person" + p, faces);
        }
        return byIdentity;
    }

    @Test
    void fitRecoversTheMeanAndTheWithinIdentitySpread() {
        int dim = 16;
        FaceShape shape = FaceShape.fit(people(300, 8, dim, 0.5, 1), "test");
        assertEquals(2400, shape.photos());
        assertEquals(300, shape.identities());
        assertEquals(2.0, shape.mean()[0], 0.15);
        // Within variance: spread^2 = 0.25 in total; the total adds the centres' variance (4 x 1 + 12 x 0.01).
        assertEquals(0.25, FaceShape.trace(shape.within()), 0.02);
        assertEquals(0.25 + 4.12, FaceShape.trace(shape.covariance()), 0.5);
        // Distance of a photo to its person's sample centre: about spread x sqrt(1 - 1/8).
        assertEquals(0.5 * Math.sqrt(7.0 / 8), shape.meanCentreDistance(), 0.03);
    }

    @Test
    void fitReadsFaceflowEmbedJsonAndNamesPeopleByFolder() throws IOException {
        Path jsonl = dir.resolve("e.jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"image\":\"/d/s1/1.pgm\",\"model\":\"m-1\",\"embedding\":[1.0,0.0]}",
                "{\"image\":\"/d/s1/2.pgm\",\"model\":\"m-1\",\"embedding\":[0.8,0.6]}",
                "{\"error\":\"no face found\",\"image\":\"/d/s2/9.pgm\"}",
                "{\"image\":\"/d/s2/1.pgm\",\"model\":\"m-1\",\"embedding\":[0.0,1.0]}",
                ""));
        FaceShape shape = FaceShape.fitEmbedJson(jsonl);
        assertEquals(3, shape.photos());
        assertEquals(2, shape.identities());
        assertArrayEquals(new float[] {0.6f, 1.6f / 3}, shape.mean(), 1e-6f);
        assertTrue(shape.source().contains("m-1"), shape.source());
        // Only s1 has two photos: each is 0.316 from their centre (0.9, 0.3).
        assertEquals(Math.sqrt(0.1), shape.meanCentreDistance(), 1e-6);
    }

    @Test
    void saveAndLoadRoundTrip() {
        FaceShape shape = FaceShape.fit(people(20, 3, 8, 0.3, 2), "round trip");
        shape.save(dir.resolve("shape"));
        FaceShape back = FaceShape.load(dir.resolve("shape"));
        assertArrayEquals(shape.mean(), back.mean());
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(shape.covariance()[i], back.covariance()[i], 1e-6);
            assertArrayEquals(shape.within()[i], back.within()[i], 1e-6);
        }
        assertEquals(shape.photos(), back.photos());
        assertEquals(shape.identities(), back.identities());
        assertEquals(shape.meanCentreDistance(), back.meanCentreDistance(), 1e-12);
        assertEquals("round trip", back.source());
    }

    @Test
    void aMissingShapeSaysHowToMakeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaceShape.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("bench/fit_face_shape.sh")
                && e.getMessage().contains("--data isotropic"), e.getMessage());
    }

    @Test
    void onePersonIsNotEnoughToFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaceShape.fit(people(1, 5, 4, 0.3, 3), "one"));
        assertTrue(e.getMessage().contains("at least two people"), e.getMessage());
    }
}
