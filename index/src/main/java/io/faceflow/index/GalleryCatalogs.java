package io.faceflow.index;

import io.faceflow.index.embedded.EmbeddedCatalog;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.milvus.MilvusCatalog;
import io.faceflow.index.milvus.MilvusConnection;
import io.faceflow.index.milvus.MilvusOptions;

/** Opens the catalog an index URI names. */
public final class GalleryCatalogs {
    private GalleryCatalogs() {}

    public static GalleryCatalog open(String uri) {
        return open(IndexUri.parse(uri), EmbeddedOptions.defaults(), MilvusOptions.defaults());
    }

    public static GalleryCatalog open(IndexUri uri, EmbeddedOptions embedded, MilvusOptions milvus) {
        if (uri instanceof IndexUri.Embedded e) {
            return new EmbeddedCatalog(e.directory(), embedded);
        }
        IndexUri.Milvus m = (IndexUri.Milvus) uri;
        return new MilvusCatalog(MilvusConnection.fromEnvironment(m, milvus));
    }
}
