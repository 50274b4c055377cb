package io.faceflow.core.pipeline;

/** Which of an image's faces go on to be embedded. */
public enum FaceSelection {
    /** Every face: a camera frame, a group photo searched 1:N. */
    ALL,
    /** The largest face: one embedding per image (the `embed` command, identity folders). */
    LARGEST,
    /** Exactly one face, else the image is rejected: enrolment photos must not be ambiguous. */
    ONLY
}
