package io.faceflow.core.detect;

import io.faceflow.core.image.BgrImage;
import java.util.List;

/** Finds faces in an image. Implementations are safe to call from several threads. */
public interface FaceDetector extends AutoCloseable {
    /** Faces above the configured score and size, best score first. */
    List<DetectedFace> detect(BgrImage image);

    @Override
    void close();
}
