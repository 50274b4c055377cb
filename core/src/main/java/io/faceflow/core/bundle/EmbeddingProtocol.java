package io.faceflow.core.bundle;

/**
 * How a bundle's embeddings are made from an aligned crop, beyond the network itself. It belongs to
 * the bundle (and so to its version) rather than to a command line, so that a gallery and the probes
 * searched against it are always embedded the same way.
 *
 * @param flipAverage embed as {@code normalise(f(x) + f(mirror x))}, the ElasticFace evaluation
 *     protocol; it costs a second forward pass per face
 */
public record EmbeddingProtocol(boolean flipAverage) {
    public static final EmbeddingProtocol PLAIN = new EmbeddingProtocol(false);
    public static final EmbeddingProtocol FLIP_AVERAGED = new EmbeddingProtocol(true);

    /** A short label for version strings and logs. */
    public String label() {
        return flipAverage ? "flip" : "plain";
    }
}
