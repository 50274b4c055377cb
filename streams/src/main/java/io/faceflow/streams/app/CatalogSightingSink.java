package io.faceflow.streams.app;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.sightings.Sighting;
import io.faceflow.index.sightings.SightingStore;
import io.faceflow.streams.topology.SightingSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sightings into the index's sighting store of their model version (one store per version, opened once). */
final class CatalogSightingSink implements SightingSink {
    private final GalleryCatalog catalog;
    private final Map<String, SightingStore> stores = new ConcurrentHashMap<>();

    CatalogSightingSink(GalleryCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void record(String modelVersion, int dimension, List<Sighting> sightings) {
        stores.computeIfAbsent(modelVersion, v -> catalog.sightings(v, dimension)).record(sightings);
    }
}
