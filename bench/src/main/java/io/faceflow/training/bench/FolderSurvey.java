package io.faceflow.training.bench;

import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.data.PreparedFace;
import java.nio.file.Path;

/**
 * What the detector makes of an identity-folder set: runs the preparation of `faceflow train`
 * (no cache) and prints the report. Usage: FolderSurvey DIR [crop-mode]
 */
public final class FolderSurvey {
    private FolderSurvey() {}

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        CropMode mode = args.length > 1 ? CropMode.parse(args[1]) : CropMode.DETECT;
        FolderFaceSet set;
        try (AlignedFaceCache cache = new AlignedFaceCache(null, mode,
                () -> new YuNetDetector(DetectorConfig.forModels(null)))) {
            set = FolderFaceSet.load(IdentityFolders.scan(root, 1), cache, null);
        }
        System.out.println(root + " [" + mode.cliName() + "]: " + set.report().summary());
        int shown = 0;
        for (PreparedFace p : set.report().rejected()) {
            if (shown++ < 15) {
                System.out.println("  " + root.relativize(p.file()) + ": " + p.rejection());
            }
        }
    }
}
