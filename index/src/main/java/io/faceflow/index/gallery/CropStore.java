package io.faceflow.index.gallery;

import io.faceflow.index.AtomicFiles;
import io.faceflow.index.Ids;
import io.faceflow.index.IndexException;
import io.faceflow.index.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Aligned face crops (encoded image bytes, as given) per identity and template, in a local folder:
 * {@code <root>/<identityId>/identity.json} and {@code <root>/<identityId>/<templateId>.crop}.
 * They are the source a gallery is re-embedded from when the model changes.
 */
public final class CropStore {
    private static final String IDENTITY_FILE = "identity.json";
    private static final String CROP_SUFFIX = ".crop";

    private final Path root;

    public CropStore(Path root) {
        this.root = root.toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new IndexException("cannot create the crop store folder " + this.root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Stores a person's description and crops; each file is replaced atomically. */
    public void put(StoredIdentity identity, Map<String, byte[]> cropsByTemplate) {
        Path dir = root.resolve(Ids.requireId("identity id", identity.identityId()));
        for (Map.Entry<String, byte[]> crop : cropsByTemplate.entrySet()) {
            AtomicFiles.write(dir.resolve(Ids.requireId("template id", crop.getKey()) + CROP_SUFFIX), crop.getValue());
        }
        // Written last: an identity.json means its crops are complete.
        AtomicFiles.write(dir.resolve(IDENTITY_FILE), Json.write(identity).getBytes(StandardCharsets.UTF_8));
        // Enrolment replaces a person's templates, so crops of templates no longer given go.
        for (String old : crops(identity.identityId()).keySet()) {
            if (!cropsByTemplate.containsKey(old)) {
                try {
                    Files.deleteIfExists(dir.resolve(old + CROP_SUFFIX));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove replaced crop " + old + " of '"
                            + identity.identityId() + "'", e);
                }
            }
        }
    }

    public Optional<StoredIdentity> identity(String identityId) {
        Path file = root.resolve(Ids.requireId("identity id", identityId)).resolve(IDENTITY_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(file), StoredIdentity.class));
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Identity ids with a complete record, sorted. */
    public List<String> identityIds() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.exists(d.resolve(IDENTITY_FILE))).forEach(d -> ids.add(d.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the crop store " + root, e);
        }
        ids.sort(null);
        return ids;
    }

    /** Crops of one identity by template id, sorted by template id. */
    public Map<String, byte[]> crops(String identityId) {
        Path dir = root.resolve(Ids.requireId("identity id", identityId));
        Map<String, byte[]> crops = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return crops;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(CROP_SUFFIX)).sorted()::iterator) {
                String name = f.getFileName().toString();
                crops.put(name.substring(0, name.length() - CROP_SUFFIX.length()), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read crops of '" + identityId + "' in " + dir, e);
        }
        return crops;
    }

    /** Removes an identity's record and every crop; false when there was nothing. */
    public boolean delete(String identityId) {
        Path dir = root.resolve(Ids.requireId("identity id", identityId));
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            // identity.json first, so a crash half-way leaves no complete-looking identity behind.
            Files.deleteIfExists(dir.resolve(IDENTITY_FILE));
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
            AtomicFiles.syncDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete crops of '" + identityId + "' in " + dir
                    + ": check permissions, then run forget again", e);
        }
        return true;
    }
}
