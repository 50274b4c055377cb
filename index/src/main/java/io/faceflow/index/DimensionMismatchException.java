package io.faceflow.index;

/** An embedding's length differs from the collection's dimension. */
public final class DimensionMismatchException extends IndexException {
    public DimensionMismatchException(String where, int expected, int actual) {
        super(where + ": embedding has " + actual + " values but the collection holds " + expected
                + "-dimensional vectors; check that the embedder and the collection use the same model");
    }
}
