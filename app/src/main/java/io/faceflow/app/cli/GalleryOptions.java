package io.faceflow.app.cli;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.IndexUri;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the gallery lives: the index and the store of enrolled face crops. */
public final class GalleryOptions {
    @Mixin
    IndexOption index;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--gallery-store", paramLabel = "DIR",
            description = "Folder of enrolled face crops, kept to re-embed the gallery for a new model "
                    + "(default: PATH/crops for file: indexes, ~/.faceflow/gallery-crops for Milvus).")
    Path store;

    /** An opened gallery: the catalog (closed with it) and the manager working on it. */
    public record OpenGallery(GalleryCatalog catalog, GalleryManager manager) implements AutoCloseable {
        @Override
        public void close() {
            catalog.close();
        }
    }

    public OpenGallery open() {
        GalleryCatalog catalog = GalleryCatalogs.open(index.required(command));
        return new OpenGallery(catalog, new GalleryManager(catalog, crops()));
    }

    public CropStore crops() {
        if (store != null) {
            return new CropStore(store);
        }
        IndexUri uri = IndexUri.parse(index.required(command));
        Path root = uri instanceof IndexUri.Embedded e ? e.directory().resolve("crops")
                : Path.of(System.getProperty("user.home"), ".faceflow", "gallery-crops");
        return new CropStore(root);
    }
}
