package io.faceflow.index.embedded;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryManagerContract;
import java.nio.file.Path;

class EmbeddedGalleryManagerTest extends GalleryManagerContract {
    @Override
    protected GalleryCatalog createCatalog(Path temp) {
        return new EmbeddedCatalog(temp.resolve("index"), EmbeddedOptions.defaults());
    }
}
