package io.faceflow.index.milvus;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryManagerContract;
import java.nio.file.Path;

/** Enrolment, reindex, alias switch, rollback and forget on a real Milvus (Lite) server. */
class MilvusGalleryManagerTest extends GalleryManagerContract {
    @Override
    protected GalleryCatalog createCatalog(Path temp) {
        return MilvusTestServer.freshCatalog();
    }
}
