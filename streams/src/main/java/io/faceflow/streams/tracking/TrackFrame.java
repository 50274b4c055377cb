package io.faceflow.streams.tracking;

import java.util.List;

/**
 * The faces of one frame of a camera, in the order the caller refers to them by index.
 *
 * @param sequence the frame's sequence number on its camera
 * @param captureMs capture time in epoch milliseconds; frames of a camera come in capture order
 */
public record TrackFrame(long sequence, long captureMs, List<FaceObservation> faces) {
    public TrackFrame {
        faces = List.copyOf(faces);
    }
}
