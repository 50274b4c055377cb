package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.app.CommandLineTest.Run;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.sightings.Sighting;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateVisit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sightings purge} on a real embedded index: sightings and unknown-person candidates past the cut-off go. */
class SightingsPurgeCommandTest {
    private static final String VERSION = "purge-model";
    private static final float[] FACE = {0, 1, 0, 0};
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private static Candidate candidate(String id, long lastSeenMs) {
        CandidateShot shot = new CandidateShot(id + "-s", "door", lastSeenMs, 90, 100, 0.5, new byte[] {1, 2}, FACE);
        return new Candidate(id, VERSION, FACE, 1, List.of(new CandidateVisit(id + "-e", "door", lastSeenMs - 10,
                lastSeenMs)), List.of(shot), Candidate.Status.IGNORED);
    }

    @Test
    void purgesSightingsAndCandidatesOlderThanTheCutOff() {
        String index = "file:" + dir.resolve("index");
        long now = System.currentTimeMillis();
        try (GalleryCatalog catalog = GalleryCatalogs.open(index)) {
            catalog.open(VERSION, FACE.length);
            catalog.sightings(VERSION, FACE.length).record(List.of(
                    new Sighting("old", "door", now - 40 * DAY, VERSION, FACE, null),
                    new Sighting("new", "door", now - DAY, VERSION, FACE, null)));
            catalog.candidates(VERSION, FACE.length).save(List.of(candidate("gone-by", now - 31 * DAY),
                    candidate("also-gone", now - 35 * DAY), candidate("regular", now - 2 * DAY)));
        }
        Run purge = CommandLineTest.run("sightings", "purge", "--older-than", "P30D", "--index", index);
        assertEquals(0, purge.exitCode(), purge.err());
        assertTrue(purge.out().contains("deleted 1 sighting(s) and 2 unknown-person candidate(s)"), purge.out());
        try (GalleryCatalog catalog = GalleryCatalogs.open(index)) {
            assertEquals(1, catalog.sightings(VERSION, FACE.length).count());
            assertEquals(List.of("regular"), catalog.candidates(VERSION, FACE.length).list().stream()
                    .map(Candidate::candidateId).toList());
        }
    }
}
