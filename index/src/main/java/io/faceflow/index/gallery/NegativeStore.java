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
import java.util.List;
import java.util.stream.Stream;

/**
 * Negatives (corrections) beside the gallery's crops: {@code <crops>/<identityId>/negatives/<alertId>.json}
 * and {@code <alertId>.jpg}. Inside the identity's folder, so forgetting the person erases them with
 * the crops; outside the crops themselves, so no reindex or enrolment ever makes one a template.
 * One per alert: correcting the same alert again keeps the first.
 */
public final class NegativeStore {
    private static final String FOLDER = "negatives";
    private static final String RECORD_SUFFIX = ".json";
    private static final String FACE_SUFFIX = ".jpg";

    private final CropStore crops;

    public NegativeStore(CropStore crops) {
        this.crops = crops;
    }

    /**
     * Stores {@code negative} with its face (JPEG). Returns false, writing nothing, when that alert
     * was already corrected for this person.
     */
    public boolean add(Negative negative, byte[] faceJpeg) {
        if (faceJpeg == null || faceJpeg.length == 0) {
            throw new IllegalArgumentException("alert " + negative.alertId() + " has no face image to keep: the stream"
                    + " processor must attach thumbnails (thumbnails=true) for alerts to be corrected");
        }
        if (crops.identity(negative.identityId()).isEmpty()) {
            throw new IndexException("no person '" + negative.identityId() + "' in the crop store " + crops.root()
                    + ": a correction is kept with the person it corrects, who must be enrolled");
        }
        Path dir = folder(negative.identityId());
        Path record = dir.resolve(negative.alertId() + RECORD_SUFFIX);
        if (Files.exists(record)) {
            return false;
        }
        AtomicFiles.write(dir.resolve(negative.alertId() + FACE_SUFFIX), faceJpeg);
        // Written last: a record means its face is complete.
        AtomicFiles.write(record, Json.write(negative).getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** The person's negatives, by alert id. */
    public List<Negative> negatives(String identityId) {
        Path dir = folder(identityId);
        List<Negative> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(RECORD_SUFFIX))
                    .sorted()::iterator) {
                out.add(Json.MAPPER.readValue(Files.readString(f), Negative.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the negatives of '" + identityId + "' in " + dir, e);
        }
        return out;
    }

    /** The face of one negative (JPEG). */
    public byte[] face(String identityId, String alertId) {
        Path file = folder(identityId).resolve(Ids.requireId("alert id", alertId) + FACE_SUFFIX);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the face of negative " + alertId + " of '" + identityId
                    + "' at " + file, e);
        }
    }

    /** Enrolled people with at least one negative, sorted. */
    public List<String> identityIds() {
        return crops.identityIds().stream().filter(id -> !negatives(id).isEmpty()).toList();
    }

    private Path folder(String identityId) {
        return crops.root().resolve(Ids.requireId("identity id", identityId)).resolve(FOLDER);
    }
}
