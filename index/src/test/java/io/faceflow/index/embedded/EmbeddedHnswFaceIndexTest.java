package io.faceflow.index.embedded;

import io.faceflow.index.FaceIndex;
import io.faceflow.index.FaceIndexContract;
import java.nio.file.Files;
import java.util.List;

/** The same contract with exact scan switched off, so every search goes through the HNSW graph. */
class EmbeddedHnswFaceIndexTest extends FaceIndexContract {
    @Override
    protected FaceIndex create(String modelVersion, int dimension, List<AutoCloseable> toClose) throws Exception {
        var dir = Files.createTempDirectory("faceflow-hnsw-");
        EmbeddedCatalog catalog = new EmbeddedCatalog(dir, EmbeddedOptions.defaults().withExactScanThreshold(0));
        toClose.add(() -> EmbeddedCatalog.deleteTree(dir));
        toClose.add(catalog);
        return catalog.open(modelVersion, dimension);
    }
}
