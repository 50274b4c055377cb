package io.faceflow.index.milvus;

import io.faceflow.index.FaceIndex;
import io.faceflow.index.FaceIndexContract;
import java.util.List;

/** The FaceIndex contract on a real Milvus (Lite) server. */
class MilvusFaceIndexTest extends FaceIndexContract {
    @Override
    protected FaceIndex create(String modelVersion, int dimension, List<AutoCloseable> toClose) {
        MilvusCatalog catalog = MilvusTestServer.freshCatalog();
        toClose.add(catalog);
        toClose.add(catalog::dropEverything);
        return catalog.open(modelVersion, dimension);
    }
}
