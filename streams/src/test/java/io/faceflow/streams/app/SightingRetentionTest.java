package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.sightings.Sighting;
import io.faceflow.index.sightings.SightingStore;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.recognition.DecisionThreshold;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.ModelGeneration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on a real embedded index: old sightings and candidates last seen long ago go, the rest stay. */
class SightingRetentionTest {
    private static final String VERSION = "retention-model";
    private static final float[] FACE = {1, 0, 0, 0};
    private static final long NOW = Duration.ofDays(100).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    /** The served model only names the version and size; retention embeds nothing. */
    private record VersionOnly(String modelVersion, int dimension) implements Embedder {
        @Override
        public float[][] embed(List<BgrImage> alignedCrops) {
            throw new UnsupportedOperationException("retention embeds nothing");
        }
    }

    private static Candidate candidate(String id, long lastSeenMs) {
        CandidateShot shot = new CandidateShot(id + "-s", "door", lastSeenMs, 90, 100, 0.5, new byte[] {1, 2}, FACE);
        return new Candidate(id, VERSION, FACE, 1, List.of(new CandidateVisit(id + "-e", "door", lastSeenMs - 10,
                lastSeenMs)), List.of(shot), Candidate.Status.OPEN);
    }

    @Test
    void deletesSightingsAndCandidatesPastTheRetention() throws Exception {
        try (GalleryCatalog catalog = GalleryCatalogs.open("file:" + dir)) {
            SightingStore sightings = catalog.sightings(VERSION, FACE.length);
            CandidateStore candidates = catalog.candidates(VERSION, FACE.length);
            sightings.record(List.of(new Sighting("old", "door", NOW - 40 * DAY, VERSION, FACE, null),
                    new Sighting("new", "door", NOW - DAY, VERSION, FACE, null)));
            candidates.save(List.of(candidate("gone-by", NOW - 31 * DAY), candidate("regular", NOW - 2 * DAY)));
            Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
            try (LiveModel live = new LiveModel(new ModelGeneration(new VersionOnly(VERSION, FACE.length),
                    catalog.open(VERSION, FACE.length), new DecisionThreshold(0.5, "test"), null));
                    SightingRetention retention = new SightingRetention(catalog, live, Duration.ofDays(30),
                            Duration.ofHours(1), clock)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while ((sightings.count() > 1 || candidates.count() > 1) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertEquals(1, sightings.count(), "the sighting of 40 days ago is past a 30-day retention");
            assertEquals(List.of("regular"), candidates.list().stream().map(Candidate::candidateId).toList());
            assertTrue(candidates.get("gone-by").isEmpty());
        }
    }
}
