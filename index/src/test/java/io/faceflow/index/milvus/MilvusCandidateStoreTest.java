package io.faceflow.index.milvus;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.unknowns.CandidateStoreContract;
import java.nio.file.Path;

/** Candidates on a real Milvus (Lite) server: heads with an exact centroid index, bodies in parts. */
class MilvusCandidateStoreTest extends CandidateStoreContract {
    private String prefix;

    @Override
    protected GalleryCatalog createCatalog(Path temp) {
        prefix = MilvusTestServer.freshPrefix();
        return MilvusTestServer.catalog(prefix);
    }

    @Override
    protected GalleryCatalog reopenCatalog(Path temp) {
        return MilvusTestServer.catalog(prefix);
    }
}
