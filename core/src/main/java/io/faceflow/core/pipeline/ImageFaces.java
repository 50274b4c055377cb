package io.faceflow.core.pipeline;

import java.util.List;

/**
 * What the pipeline found in one image.
 *
 * @param source where the image came from (a file path, a frame id), for reports
 * @param faces every selected face, accepted or not, largest first
 * @param rejection why the image as a whole yielded nothing (unreadable, no face, several faces
 *     where one was required); null otherwise
 */
public record ImageFaces(String source, List<AnalyzedFace> faces, String rejection) {
    public ImageFaces {
        faces = List.copyOf(faces);
    }

    static ImageFaces rejected(String source, String reason) {
        return new ImageFaces(source, List.of(), reason);
    }

    public List<AnalyzedFace> accepted() {
        return faces.stream().filter(AnalyzedFace::accepted).toList();
    }

    /** Null when some face was accepted; else the image's reason, or the first face's. */
    public String problem() {
        if (rejection != null) {
            return rejection;
        }
        return faces.stream().filter(AnalyzedFace::accepted).findAny().isPresent() ? null
                : faces.isEmpty() ? "no face found" : faces.get(0).rejection();
    }
}
