package io.faceflow.index.embedded;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.sightings.SightingStoreContract;
import java.nio.file.Path;

class EmbeddedSightingStoreTest extends SightingStoreContract {
    @Override
    protected GalleryCatalog createCatalog(Path temp) {
        return new EmbeddedCatalog(temp.resolve("index"), EmbeddedOptions.defaults().withExactScanThreshold(0));
    }
}
