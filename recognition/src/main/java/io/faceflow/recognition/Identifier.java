package io.faceflow.recognition;

import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.pipeline.SourceImage;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 1:N identification: every selected face of every image is embedded, searched in the gallery of
 * the same model version, and decided on (who, or unknown). One call is one batch: all its faces
 * are embedded together and searched in one request, under one model generation. The threshold
 * is the model's unless an override names the camera or the best candidate.
 */
public final class Identifier {
    private final FaceDetector detector;
    private final PipelineOptions options;
    private final LiveModel live;
    private final int topK;
    private final DecisionOverrides overrides;

    public Identifier(FaceDetector detector, PipelineOptions options, LiveModel live, int topK) {
        this(detector, options, live, topK, DecisionOverrides.NONE);
    }

    public Identifier(FaceDetector detector, PipelineOptions options, LiveModel live, int topK,
            DecisionOverrides overrides) {
        if (topK < 1) {
            throw new IllegalArgumentException("candidates per face must be >= 1, got " + topK);
        }
        this.detector = detector;
        this.options = options;
        this.live = live;
        this.topK = topK;
        this.overrides = overrides;
    }

    /** Decoded images from no particular camera, one result each, in order. */
    public List<ImageIdentification> identify(List<SourceImage> images) {
        return identify(null, images);
    }

    /** Decoded images from camera {@code cameraId} (null: none), one result each, in order. */
    public List<ImageIdentification> identify(String cameraId, List<SourceImage> images) {
        try (LiveModel.Lease lease = live.acquire()) {
            ModelGeneration g = lease.generation();
            return decide(g, cameraId, new FacePipeline(detector, g.embedder(), options).analyze(images));
        }
    }

    /** Encoded images (source to bytes); unreadable ones come back with their reason. */
    public List<ImageIdentification> identifyEncoded(Map<String, byte[]> encoded) {
        try (LiveModel.Lease lease = live.acquire()) {
            ModelGeneration g = lease.generation();
            return decide(g, null, new FacePipeline(detector, g.embedder(), options).analyzeEncoded(encoded));
        }
    }

    /**
     * Runs {@code work} on one generation of the live model: everything it analyses, searches and
     * decides uses that generation, so a model switch takes effect after it, never inside it.
     */
    public <T> T withModel(Function<ModelSession, T> work) {
        try (LiveModel.Lease lease = live.acquire()) {
            ModelGeneration g = lease.generation();
            return work.apply(new ModelSession(g, new FacePipeline(detector, g.embedder(), options), topK, overrides));
        }
    }

    /** The ranked candidates of each query, searched in one request; none searched for no query. */
    static List<List<SearchHit>> search(ModelGeneration g, List<float[]> queries, int topK) {
        return queries.isEmpty() ? List.of() : g.gallery().search(new SearchRequest(g.version(), queries, topK));
    }

    /** The decision on {@code ranked}: the model's threshold unless an override names the camera or the best candidate. */
    static Decision decision(List<SearchHit> ranked, String cameraId, DecisionOverrides overrides, ModelGeneration g) {
        String best = ranked.isEmpty() ? null : ranked.get(0).identityId();
        return Decision.of(ranked, overrides.thresholdFor(cameraId, best, g.threshold().value()));
    }

    /** Searches the accepted faces of analysed images in one request and decides on each. */
    private List<ImageIdentification> decide(ModelGeneration g, String cameraId, List<ImageFaces> analyzed) {
        List<float[]> queries = new ArrayList<>();
        for (ImageFaces image : analyzed) {
            image.accepted().forEach(f -> queries.add(f.embedding()));
        }
        List<List<SearchHit>> hits = search(g, queries, topK);
        int next = 0;
        List<ImageIdentification> result = new ArrayList<>(analyzed.size());
        for (ImageFaces image : analyzed) {
            List<IdentifiedFace> faces = new ArrayList<>();
            for (AnalyzedFace face : image.faces()) {
                if (face.accepted()) {
                    List<SearchHit> ranked = hits.get(next++);
                    faces.add(new IdentifiedFace(face, ranked, decision(ranked, cameraId, overrides, g)));
                } else {
                    faces.add(new IdentifiedFace(face, List.of(), null));
                }
            }
            result.add(new ImageIdentification(image.source(), g.version(), faces,
                    image.rejection() != null ? image.rejection() : faces.isEmpty() ? "no face found" : null));
        }
        return result;
    }
}
