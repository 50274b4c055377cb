package io.faceflow.streams.sightings;

import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.sightings.Sighting;
import io.faceflow.index.sightings.SightingStore;
import io.faceflow.contract.message.SightingEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes sightings read from {@code faceflow.sightings} into the index's sighting store of their
 * model version. Idempotent (a sighting id written again replaces itself), so a replay after a
 * crash or a {@code sightings rebuild} stores each sighting once.
 *
 * <p>Nothing is written that a later purge or {@code forget} would have removed: sightings past
 * retention are dropped, and so are those decided to be a person no longer enrolled. Forget erases
 * a person's gallery entries before their sightings, version by version, so the writer checks the
 * gallery again after writing and erases what a forget running in between missed.
 */
public final class SightingWriter {
    private final GalleryCatalog catalog;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, SightingStore> stores = new HashMap<>();

    /** What one write did: sightings stored, dropped because their person was forgotten, dropped as too old. */
    public record Written(int stored, int forgotten, int expired) {
        public Written plus(Written o) {
            return new Written(stored + o.stored, forgotten + o.forgotten, expired + o.expired);
        }
    }

    public SightingWriter(GalleryCatalog catalog, Duration retention, Clock clock) {
        this.catalog = catalog;
        this.retention = retention;
        this.clock = clock;
    }

    /** Stores {@code events} durably before returning; throws (having stored a part or nothing) when the index fails. */
    public Written write(List<SightingEvent> events) {
        long horizon = retention.isZero() ? Long.MIN_VALUE : clock.millis() - retention.toMillis();
        Map<String, List<SightingEvent>> byVersion = new LinkedHashMap<>();
        int expired = 0;
        for (SightingEvent e : events) {
            if (e.captureTimeMs() < horizon) {
                expired++;
            } else {
                byVersion.computeIfAbsent(e.modelVersion(), v -> new ArrayList<>()).add(e);
            }
        }
        Written total = new Written(0, 0, expired);
        for (Map.Entry<String, List<SightingEvent>> version : byVersion.entrySet()) {
            total = total.plus(writeVersion(version.getKey(), version.getValue()));
        }
        return total;
    }

    private Written writeVersion(String version, List<SightingEvent> events) {
        Optional<FaceIndex> gallery = galleryOf(version);
        Set<String> held = enrolled(gallery, decidedIdentities(events));
        List<Sighting> kept = new ArrayList<>(events.size());
        Set<String> keptIdentities = new HashSet<>();
        for (SightingEvent e : events) {
            if (e.identityId() != null && !held.contains(e.identityId())) {
                continue;
            }
            kept.add(new Sighting(e.sightingId(), e.cameraId(), e.captureTimeMs(), e.modelVersion(), e.embedding(),
                    e.identityId()));
            if (e.identityId() != null) {
                keptIdentities.add(e.identityId());
            }
        }
        if (kept.isEmpty()) {
            return new Written(0, events.size(), 0);
        }
        SightingStore store = stores.computeIfAbsent(version, v -> catalog.sightings(v, kept.get(0).embedding().length));
        store.record(kept);
        Set<String> stillHeld = enrolled(gallery, keptIdentities);
        int erased = 0;
        for (String forgotten : keptIdentities) {
            if (!stillHeld.contains(forgotten)) {
                store.deleteIdentity(forgotten);
                erased += (int) kept.stream().filter(s -> forgotten.equals(s.identityId())).count();
            }
        }
        return new Written(kept.size() - erased, events.size() - kept.size() + erased, 0);
    }

    /**
     * The gallery that decided {@code version}'s sightings; the live one when that version's
     * collection was dropped since (forget erases a person from every version alike).
     */
    private Optional<FaceIndex> galleryOf(String version) {
        Optional<FaceIndex> own = catalog.openExisting(version);
        if (own.isPresent()) {
            return own;
        }
        return catalog.liveModelVersion().flatMap(catalog::openExisting);
    }

    private static Set<String> enrolled(Optional<FaceIndex> gallery, Set<String> identities) {
        if (identities.isEmpty() || gallery.isEmpty()) {
            return Set.of();
        }
        return gallery.get().enrolled(identities);
    }

    private static Set<String> decidedIdentities(List<SightingEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> {
            if (e.identityId() != null) {
                ids.add(e.identityId());
            }
        });
        return ids;
    }
}
