package io.faceflow.core.pipeline;

import io.faceflow.core.quality.FaceQuality;

/**
 * How a {@link FacePipeline} treats each image.
 *
 * @param selection which faces are kept
 * @param quality which kept faces are good enough to embed
 * @param detectMaxSide detect on the image scaled down so its longer side is at most this many
 *     pixels (landmarks are mapped back and faces aligned from the full-resolution image); 0 detects
 *     at full size. Detection dominates the CPU cost of a frame, and a face needs far fewer pixels to
 *     be found than to be recognised.
 */
public record PipelineOptions(FaceSelection selection, FaceQuality quality, int detectMaxSide) {
    public PipelineOptions {
        if (selection == null || quality == null) {
            throw new IllegalArgumentException("selection and quality are required");
        }
        if (detectMaxSide != 0 && detectMaxSide < 64) {
            throw new IllegalArgumentException("detection size must be 0 (full size) or >= 64 px, got " + detectMaxSide);
        }
    }

    public static PipelineOptions of(FaceSelection selection, FaceQuality quality) {
        return new PipelineOptions(selection, quality, 0);
    }
}
