package io.faceflow.streams.sightings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.Identity;
import io.faceflow.index.Template;
import io.faceflow.index.sightings.SightingQuery;
import io.faceflow.contract.message.SightingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real embedded index: idempotent, and nothing stored that forget or retention removed. */
class SightingWriterTest {
    private static final long NOW = 1_800_000_000_000L;
    private final Random random = new Random(7);
    private GalleryCatalog catalog;
    private SightingWriter writer;

    @TempDir
    Path dir;

    @BeforeEach
    void gallery() {
        catalog = GalleryCatalogs.open("file:" + dir.resolve("index"));
        catalog.open("v1", SightingEvents.DIM).upsert(List.of(person("alice"), person("bob")));
        catalog.switchLive("v1");
        writer = new SightingWriter(catalog, Duration.ofDays(1), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private Identity person(String id) {
        return new Identity(id, id, Map.of(), List.of(new Template(id + "-0", SightingEvents.unit(random))));
    }

    private List<SightingEvent> seen(int count, String identity) {
        List<SightingEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(SightingEvents.of(identity + "-" + i, "v1", NOW - i, identity.equals("nobody") ? null : identity,
                    SightingEvents.unit(random)));
        }
        return out;
    }

    private long stored() {
        return catalog.sightings("v1", SightingEvents.DIM).count();
    }

    @Test
    void aBatchWrittenTwiceIsStoredOnceAndSearchable() {
        List<SightingEvent> batch = seen(5, "alice");
        batch.addAll(seen(3, "nobody"));
        assertEquals(new SightingWriter.Written(8, 0, 0), writer.write(batch));
        writer.write(batch);
        assertEquals(8, stored());
        var hits = catalog.sightings("v1", SightingEvents.DIM).search(new SightingQuery("v1",
                batch.get(6).embedding(), NOW - 1_000, NOW + 1, 1));
        assertEquals(batch.get(6).sightingId(), hits.get(0).sightingId());
    }

    @Test
    void sightingsOfAForgottenPersonInFlightAreNotStored() {
        catalog.open("v1", SightingEvents.DIM).delete("bob");
        List<SightingEvent> batch = seen(4, "bob");
        batch.addAll(seen(2, "alice"));
        batch.addAll(seen(2, "nobody"));
        assertEquals(new SightingWriter.Written(4, 4, 0), writer.write(batch));
        assertEquals(0, catalog.sightings("v1", SightingEvents.DIM).deleteIdentity("bob"), "none of bob's stored");
        assertEquals(4, stored());
    }

    @Test
    void sightingsPastRetentionAreNotStored() {
        SightingEvent old = SightingEvents.of("old", "v1", NOW - Duration.ofDays(2).toMillis(), null,
                SightingEvents.unit(random));
        List<SightingEvent> batch = new ArrayList<>(seen(2, "nobody"));
        batch.add(old);
        assertEquals(new SightingWriter.Written(2, 0, 1), writer.write(batch));
        assertEquals(2, stored());
    }

    @Test
    void eachModelVersionGoesToItsOwnStore() {
        catalog.open("v2", SightingEvents.DIM).upsert(List.of(person("alice")));
        writer.write(List.of(SightingEvents.of("a", "v1", NOW, "alice", SightingEvents.unit(random)),
                SightingEvents.of("b", "v2", NOW, "alice", SightingEvents.unit(random)),
                SightingEvents.of("c", "v2", NOW, null, SightingEvents.unit(random))));
        assertEquals(1, stored());
        assertEquals(2, catalog.sightings("v2", SightingEvents.DIM).count());
    }
}
