package io.faceflow.index.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.faceflow.index.AtomicFiles;
import io.faceflow.index.IndexException;
import io.faceflow.index.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The collection.json beside each embedded collection: which model it holds and the vector size. */
record CollectionMeta(@JsonProperty("kind") String kind, @JsonProperty("modelVersion") String modelVersion,
                      @JsonProperty("dimension") int dimension, @JsonProperty("createdMs") long createdMs) {
    static final String FILE = "collection.json";

    static CollectionMeta read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return Json.MAPPER.readValue(Files.readString(file), CollectionMeta.class);
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + " (" + e.getMessage() + "): the folder is not an"
                    + " embedded faceflow collection, or the file was damaged", e);
        }
    }

    /** Reads the existing meta and checks it, or writes a new one. */
    static CollectionMeta openOrCreate(Path dir, String kind, String modelVersion, int dimension) {
        if (Files.exists(dir.resolve(FILE))) {
            CollectionMeta meta = read(dir);
            if (!meta.kind().equals(kind) || !meta.modelVersion().equals(modelVersion)) {
                throw new IndexException(dir + " holds a " + meta.kind() + " collection of model version '"
                        + meta.modelVersion() + "', not a " + kind + " collection of '" + modelVersion + "'");
            }
            if (meta.dimension() != dimension) {
                throw new IndexException(dir + " holds " + meta.dimension() + "-dimensional vectors of model '"
                        + modelVersion + "' but " + dimension + " was asked for: the model bundle and the"
                        + " collection disagree; reindex into a new model version");
            }
            return meta;
        }
        CollectionMeta meta = new CollectionMeta(kind, modelVersion, dimension, System.currentTimeMillis());
        AtomicFiles.write(dir.resolve(FILE), Json.write(meta).getBytes(StandardCharsets.UTF_8));
        return meta;
    }
}
