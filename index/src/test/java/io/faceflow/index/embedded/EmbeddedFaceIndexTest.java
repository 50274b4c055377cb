package io.faceflow.index.embedded;

import io.faceflow.index.FaceIndex;
import io.faceflow.index.FaceIndexContract;
import java.nio.file.Files;
import java.util.List;

/** The FaceIndex contract on the embedded index in its small-gallery mode (exact scan). */
class EmbeddedFaceIndexTest extends FaceIndexContract {
    @Override
    protected FaceIndex create(String modelVersion, int dimension, List<AutoCloseable> toClose) throws Exception {
        var dir = Files.createTempDirectory("faceflow-embedded-");
        EmbeddedCatalog catalog = new EmbeddedCatalog(dir, EmbeddedOptions.defaults());
        toClose.add(() -> EmbeddedCatalog.deleteTree(dir));
        toClose.add(catalog);
        return catalog.open(modelVersion, dimension);
    }
}
