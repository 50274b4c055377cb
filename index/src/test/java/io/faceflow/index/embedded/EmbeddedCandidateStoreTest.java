package io.faceflow.index.embedded;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.unknowns.CandidateStoreContract;
import java.nio.file.Path;

class EmbeddedCandidateStoreTest extends CandidateStoreContract {
    @Override
    protected GalleryCatalog createCatalog(Path temp) {
        return new EmbeddedCatalog(temp.resolve("index"), EmbeddedOptions.defaults());
    }

    @Override
    protected GalleryCatalog reopenCatalog(Path temp) {
        return createCatalog(temp);
    }
}
