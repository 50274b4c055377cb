package io.faceflow.training.job;

import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.data.PreparedFace;
import io.faceflow.training.data.RecordFaceSet;
import io.faceflow.training.data.RecordIoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The training data named by --data: identity folders (through the aligned-face cache) or a RecordIO file. */
final class TrainingData {
    private TrainingData() {}

    /** Fails on a --data that can be neither (missing, not a .rec, a .rec without its index). */
    static void check(Path data) {
        if (Files.isDirectory(data)) {
            IdentityFolders.scan(data, 2);
            return;
        }
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + " not found: give an identity-folder root or a .rec file");
        }
        if (!data.getFileName().toString().endsWith(".rec")) {
            throw new IllegalArgumentException("--data " + data + " is a file but not a .rec; give a RecordIO file or"
                    + " a folder with one sub-folder per identity");
        }
        Path idx = RecordIoReader.indexPathFor(data);
        if (!Files.isRegularFile(idx)) {
            throw new IllegalArgumentException(data + " has no index " + idx + ": rebuild it with RecordIoIndexer"
                    + " (or copy the .idx that came with the .rec)");
        }
    }

    /**
     * Loads the request's data. Folders: unreadable images fail the run, faces the detector rejects
     * are skipped and listed in the work folder's skipped.tsv.
     */
    static FaceSet load(TrainRequest request, Consumer<String> log) throws IOException {
        Path data = request.data();
        if (!Files.isDirectory(data)) {
            return RecordFaceSet.open(data);
        }
        IdentityFolders folders = IdentityFolders.scan(data, 2);
        log.accept("preparing " + folders.size() + " images of " + folders.identities().size() + " identities ("
                + request.cropMode().cliName() + ", cache " + request.effectiveCacheDir() + ")");
        FolderFaceSet set;
        try (AlignedFaceCache cache = new AlignedFaceCache(request.effectiveCacheDir(), request.cropMode(),
                () -> new YuNetDetector(DetectorConfig.forModels(request.modelsDir())))) {
            set = FolderFaceSet.load(folders, cache, null);
        }
        var report = set.report();
        log.accept(report.summary());
        List<PreparedFace> unreadable = report.rejected().stream().filter(p -> p.rejection().startsWith("unreadable")).toList();
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException(unreadable.size() + " unreadable image(s), e.g. " + unreadable.get(0).file()
                    + " (" + unreadable.get(0).rejection() + "): fix or remove them before training");
        }
        if (!report.rejected().isEmpty()) {
            Path list = request.effectiveWorkDir().resolve("skipped.tsv");
            Files.createDirectories(list.getParent());
            List<String> lines = new ArrayList<>();
            for (PreparedFace p : report.rejected()) {
                lines.add(p.file() + "\t" + p.rejection());
            }
            Files.write(list, lines);
            log.accept("skipped files listed in " + list);
        }
        return set;
    }

    /** The faces at these indices, in order. */
    static List<BgrImage> faces(FaceSet set, int[] indices) {
        List<BgrImage> faces = new ArrayList<>(indices.length);
        for (int i : indices) {
            faces.add(set.face(i));
        }
        return faces;
    }
}
