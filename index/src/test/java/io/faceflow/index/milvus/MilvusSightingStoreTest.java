package io.faceflow.index.milvus;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.sightings.SightingStoreContract;
import java.nio.file.Path;

class MilvusSightingStoreTest extends SightingStoreContract {
    @Override
    protected GalleryCatalog createCatalog(Path temp) {
        return MilvusTestServer.freshCatalog();
    }
}
