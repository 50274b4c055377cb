package io.faceflow.index.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.faceflow.index.AtomicFiles;
import io.faceflow.index.CollectionNames;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.IndexException;
import io.faceflow.index.Json;
import io.faceflow.index.sightings.SightingStore;
import io.faceflow.index.unknowns.CandidateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Embedded collections under one folder: {@code galleries/<version>/}, {@code sightings/<version>/},
 * {@code candidates/<version>/} and {@code live.json}, the live pointer, replaced atomically on a switch.
 *
 * <p>Opened collections belong to the catalog (one Lucene writer per folder); close the catalog,
 * not the collections it hands out.
 */
public final class EmbeddedCatalog implements GalleryCatalog {
    private static final String LIVE_FILE = "live.json";

    record LivePointer(@JsonProperty("live") String live, @JsonProperty("previous") String previous) {}

    private final Path root;
    private final EmbeddedOptions options;
    private final Map<String, LuceneFaceIndex> galleries = new HashMap<>();
    private final Map<String, LuceneSightingStore> sightings = new HashMap<>();
    private final Map<String, LuceneCandidateStore> candidates = new HashMap<>();
    private volatile LivePointer pointer;

    public EmbeddedCatalog(Path root, EmbeddedOptions options) {
        this.root = root.toAbsolutePath();
        this.options = options;
        try {
            Files.createDirectories(this.root.resolve("galleries"));
            Files.createDirectories(this.root.resolve("sightings"));
            Files.createDirectories(this.root.resolve("candidates"));
        } catch (IOException e) {
            throw new IndexException("cannot create the embedded index folder " + this.root + ": " + e.getMessage()
                    + " (check the path in the index URI and its permissions)", e);
        }
        this.pointer = readPointer();
    }

    private LivePointer readPointer() {
        Path file = root.resolve(LIVE_FILE);
        if (!Files.exists(file)) {
            return new LivePointer(null, null);
        }
        try {
            return Json.MAPPER.readValue(Files.readString(file), LivePointer.class);
        } catch (IOException e) {
            throw new IndexException("cannot read the live pointer " + file + ": " + e.getMessage(), e);
        }
    }

    private Path galleryDir(String modelVersion) {
        return root.resolve("galleries").resolve(CollectionNames.slug(modelVersion));
    }

    @Override
    public synchronized FaceIndex open(String modelVersion, int dimension) {
        LuceneFaceIndex index = galleries.get(modelVersion);
        if (index != null) {
            if (index.dimension() != dimension) {
                throw new IndexException("gallery of model version '" + modelVersion + "' holds " + index.dimension()
                        + "-dimensional vectors, not " + dimension);
            }
            return index;
        }
        index = LuceneFaceIndex.open(galleryDir(modelVersion), modelVersion, dimension, options);
        galleries.put(modelVersion, index);
        return index;
    }

    @Override
    public synchronized Optional<FaceIndex> openExisting(String modelVersion) {
        if (galleries.containsKey(modelVersion)) {
            return Optional.of(galleries.get(modelVersion));
        }
        Path dir = galleryDir(modelVersion);
        if (!Files.exists(dir.resolve(CollectionMeta.FILE))) {
            return Optional.empty();
        }
        LuceneFaceIndex index = LuceneFaceIndex.openExisting(dir, options);
        galleries.put(modelVersion, index);
        return Optional.of(index);
    }

    @Override
    public synchronized List<String> modelVersions() {
        List<String> versions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve("galleries"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (Files.exists(dir.resolve(CollectionMeta.FILE))) {
                    versions.add(CollectionMeta.read(dir).modelVersion());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.resolve("galleries"), e);
        }
        versions.sort(null);
        return versions;
    }

    @Override
    public synchronized void drop(String modelVersion) {
        if (modelVersion.equals(pointer.live())) {
            throw new IndexException("gallery of model version '" + modelVersion + "' is live: switch to another"
                    + " version before dropping it");
        }
        LuceneFaceIndex open = galleries.remove(modelVersion);
        if (open != null) {
            open.close();
        }
        deleteTree(galleryDir(modelVersion));
        LuceneCandidateStore openCandidates = candidates.remove(modelVersion);
        if (openCandidates != null) {
            openCandidates.close();
        }
        deleteTree(candidatesDir(modelVersion));
        if (modelVersion.equals(pointer.previous())) {
            writePointer(new LivePointer(pointer.live(), null));
        }
    }

    @Override
    public Optional<String> liveModelVersion() {
        return Optional.ofNullable(pointer.live());
    }

    @Override
    public Optional<String> previousModelVersion() {
        return Optional.ofNullable(pointer.previous());
    }

    @Override
    public synchronized void switchLive(String modelVersion) {
        if (openExisting(modelVersion).isEmpty()) {
            throw new IndexException("no gallery collection for model version '" + modelVersion + "' in " + root
                    + "; known versions: " + modelVersions());
        }
        if (modelVersion.equals(pointer.live())) {
            return;
        }
        writePointer(new LivePointer(modelVersion, pointer.live()));
    }

    private void writePointer(LivePointer next) {
        AtomicFiles.write(root.resolve(LIVE_FILE), Json.write(next).getBytes(StandardCharsets.UTF_8));
        pointer = next;
    }

    @Override
    public synchronized SightingStore sightings(String modelVersion, int dimension) {
        LuceneSightingStore store = sightings.get(modelVersion);
        if (store == null) {
            store = LuceneSightingStore.open(root.resolve("sightings").resolve(CollectionNames.slug(modelVersion)),
                    modelVersion, dimension, options);
            sightings.put(modelVersion, store);
        }
        return store;
    }

    private Path candidatesDir(String modelVersion) {
        return root.resolve("candidates").resolve(CollectionNames.slug(modelVersion));
    }

    @Override
    public synchronized CandidateStore candidates(String modelVersion, int dimension) {
        LuceneCandidateStore store = candidates.get(modelVersion);
        if (store == null) {
            store = LuceneCandidateStore.open(candidatesDir(modelVersion), modelVersion, dimension, options);
            candidates.put(modelVersion, store);
        } else if (store.dimension() != dimension) {
            throw new IndexException("candidates of model version '" + modelVersion + "' hold " + store.dimension()
                    + "-dimensional vectors, not " + dimension);
        }
        return store;
    }

    @Override
    public String describe() {
        return "embedded index at " + root;
    }

    @Override
    public synchronized void close() {
        galleries.values().forEach(LuceneFaceIndex::close);
        sightings.values().forEach(LuceneSightingStore::close);
        candidates.values().forEach(LuceneCandidateStore::close);
        galleries.clear();
        sightings.clear();
        candidates.clear();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
