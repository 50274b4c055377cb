package io.faceflow.index.bench;

import io.faceflow.index.Identity;
import io.faceflow.index.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A generated gallery and its probes. The templates of one identity are contiguous in
 * {@code vectors}; {@code owner[i]} is the identity of template i, {@code queryOwner[q]} the
 * identity a probe is a fresh face of, or {@link #STRANGER} for someone not enrolled.
 */
record BenchData(String mode, int identities, float[][] vectors, int[] owner, float[][] queries, int[] queryOwner) {
    static final int STRANGER = -1;
    static final String GALLERY = "gallery.npy";
    static final String GALLERY_IDENTITY = "gallery_identity.npy";
    static final String QUERIES = "queries.npy";
    static final String QUERY_IDENTITY = "query_identity.npy";

    static String identityId(int identity) {
        return "p" + identity;
    }

    /** Identifies the data for a reused index: same mode, size and content hash means the same gallery. */
    String signature() {
        return mode + " size=" + vectors.length + " dim=" + dim() + " identities=" + identities + " content="
                + Integer.toHexString(Arrays.deepHashCode(vectors) * 31 + Arrays.hashCode(owner));
    }

    int dim() {
        return vectors[0].length;
    }

    List<Identity> gallery() {
        List<Identity> people = new ArrayList<>(identities);
        int from = 0;
        while (from < vectors.length) {
            int to = from;
            List<Template> faces = new ArrayList<>();
            while (to < vectors.length && owner[to] == owner[from]) {
                faces.add(new Template("t" + (to - from), vectors[to]));
                to++;
            }
            people.add(new Identity(identityId(owner[from]), "Person " + owner[from], Map.of(), faces));
            from = to;
        }
        return people;
    }

    /**
     * Writes the gallery and probes as .npy files (float32 vectors, int32 identities, -1 for
     * strangers) so another index (bench/hnswlib_reference.py) runs on exactly the same data.
     */
    void export(Path dir) {
        try {
            Files.createDirectories(dir);
            Npy.writeMatrix(dir.resolve(GALLERY), vectors);
            Npy.writeInts(dir.resolve(GALLERY_IDENTITY), owner);
            Npy.writeMatrix(dir.resolve(QUERIES), queries);
            Npy.writeInts(dir.resolve(QUERY_IDENTITY), queryOwner);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the benchmark data to " + dir + ": " + e.getMessage(), e);
        }
    }
}
