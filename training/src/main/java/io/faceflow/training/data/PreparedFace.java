package io.faceflow.training.data;

import io.faceflow.core.image.BgrImage;
import java.nio.file.Path;

/**
 * One image file after detection and alignment: either a 112x112 face or the reason it was skipped.
 *
 * @param face the aligned crop; null when rejected
 * @param rejection why no face was taken (no face, several faces, unreadable); null when accepted
 */
public record PreparedFace(Path file, BgrImage face, String rejection) {
    public static PreparedFace accepted(Path file, BgrImage face) {
        return new PreparedFace(file, face, null);
    }

    public static PreparedFace rejected(Path file, String reason) {
        return new PreparedFace(file, null, reason);
    }

    public boolean ok() {
        return face != null;
    }
}
