package io.faceflow.recognition;

import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.sightings.SightingHit;
import io.faceflow.index.sightings.SightingQuery;
import java.util.List;
import java.util.Map;

/**
 * Where and when was this face seen: the largest face of a photo (or a given embedding) is
 * searched among the sightings the stream recorded with the same model version.
 */
public final class SightingSearch {
    private final FacePipeline pipeline;
    private final GalleryCatalog catalog;

    public SightingSearch(FaceDetector detector, Embedder embedder, GalleryCatalog catalog) {
        this.pipeline = new FacePipeline(detector, embedder, PipelineOptions.of(FaceSelection.LARGEST,
                FaceQuality.IDENTIFICATION));
        this.catalog = catalog;
    }

    /**
     * The outcome for one photo.
     *
     * @param probe the face searched; null when the photo gave none
     * @param problem why the photo gave no face to search; null otherwise
     * @param hits most similar sightings first; empty with a problem
     */
    public record Result(String modelVersion, AnalyzedFace probe, String problem, List<SightingHit> hits) {
        public Result {
            hits = List.copyOf(hits);
        }
    }

    /** Searches the sightings in [fromMs, toMs], of {@code cameraId} only unless it is null. */
    public Result search(String source, byte[] photo, long fromMs, long toMs, int top, String cameraId) {
        String version = pipeline.embedder().modelVersion();
        ImageFaces analyzed = pipeline.analyzeEncoded(Map.of(source, photo)).get(0);
        if (analyzed.problem() != null) {
            return new Result(version, null, analyzed.problem(), List.of());
        }
        AnalyzedFace face = analyzed.accepted().get(0);
        return new Result(version, face, null, search(face.embedding(), fromMs, toMs, top, cameraId));
    }

    /**
     * Searches by an embedding of this searcher's model version rather than a photo: an
     * unknown-person candidate's centroid, to see where that person was seen.
     */
    public List<SightingHit> search(float[] embedding, long fromMs, long toMs, int top, String cameraId) {
        String version = pipeline.embedder().modelVersion();
        return catalog.sightings(version, pipeline.embedder().dimension())
                .search(new SightingQuery(version, embedding, fromMs, toMs, top, cameraId));
    }
}
