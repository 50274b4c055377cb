package io.faceflow.index;

/** Embeddings of one model version were sent to a collection built with another: never compared. */
public final class ModelVersionMismatchException extends IndexException {
    public ModelVersionMismatchException(String collectionVersion, String requestVersion) {
        super("embeddings of model version '" + requestVersion + "' cannot be used with a collection of model version '"
                + collectionVersion + "': embed with '" + collectionVersion + "', or reindex the gallery to '"
                + requestVersion + "' and switch to it");
    }
}
