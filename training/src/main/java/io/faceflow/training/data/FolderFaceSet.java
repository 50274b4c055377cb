package io.faceflow.training.data;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.IdentityFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An identity-folder dataset, prepared (detected and aligned, through the cache) up front and held
 * in memory as 112x112 BGR crops (37 KB each: ~37 MB per 1000 images). Much larger sets belong in
 * RecordIO. Identities that end up with no usable image are left out and reported.
 */
public final class FolderFaceSet implements FaceSet {
    private final Path root;
    private final List<String> identities;
    private final List<BgrImage> faces;
    private final List<Path> files;
    private final int[] labels;
    private final PreparationReport report;

    private FolderFaceSet(Path root, List<String> identities, List<BgrImage> faces, List<Path> files, int[] labels,
            PreparationReport report) {
        this.root = root;
        this.identities = List.copyOf(identities);
        this.faces = faces;
        this.files = List.copyOf(files);
        this.labels = labels;
        this.report = report;
    }

    /**
     * Prepares every image of the folders.
     *
     * @param progress called with the count of files done so far (may be null)
     */
    public static FolderFaceSet load(IdentityFolders folders, AlignedFaceCache cache, Consumer<Integer> progress) {
        List<PreparedFace> rejected = new ArrayList<>();
        List<BgrImage> faces = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> rawLabels = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            PreparedFace p = cache.prepare(folders.files().get(i));
            if (p.ok()) {
                faces.add(p.face());
                files.add(p.file());
                rawLabels.add(folders.labels()[i]);
            } else {
                rejected.add(p);
            }
            if (progress != null) {
                progress.accept(i + 1);
            }
        }
        // Relabel so that identities left without images do not leave holes in [0, classes).
        int[] newLabel = new int[folders.identities().size()];
        java.util.Arrays.fill(newLabel, -1);
        List<String> kept = new ArrayList<>();
        for (int raw : rawLabels) {
            if (newLabel[raw] < 0) {
                newLabel[raw] = kept.size();
                kept.add(folders.identities().get(raw));
            }
        }
        List<String> dropped = new ArrayList<>();
        for (int k = 0; k < newLabel.length; k++) {
            if (newLabel[k] < 0) {
                dropped.add(folders.identities().get(k));
            }
        }
        int[] labels = rawLabels.stream().mapToInt(l -> newLabel[l]).toArray();
        PreparationReport report = new PreparationReport(folders.size(), faces.size(), rejected, dropped);
        return new FolderFaceSet(folders.root(), kept, faces, files, labels, report);
    }

    public PreparationReport report() {
        return report;
    }

    public Path file(int i) {
        return files.get(i);
    }

    @Override
    public int size() {
        return faces.size();
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public List<String> identities() {
        return identities;
    }

    @Override
    public BgrImage face(int i) {
        return faces.get(i);
    }

    @Override
    public String source() {
        return root.toString();
    }
}
