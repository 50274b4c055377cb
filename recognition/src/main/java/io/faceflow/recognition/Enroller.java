package io.faceflow.recognition;

import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.gallery.EnrolTemplate;
import io.faceflow.index.gallery.EnrolmentRequest;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.StoredIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrolment: each photo must show exactly one face that passes the quality policy; the accepted
 * faces become the person's templates in the live gallery, and their aligned crops are kept so the
 * gallery can be re-embedded for a later model. Re-enrolling a person replaces their templates and
 * keeps their metadata (watchlists).
 */
public final class Enroller {
    private final FacePipeline pipeline;
    private final GalleryManager gallery;

    public Enroller(FaceDetector detector, Embedder embedder, FaceQuality quality, GalleryManager gallery) {
        this.pipeline = new FacePipeline(detector, embedder, PipelineOptions.of(FaceSelection.ONLY, quality));
        this.gallery = gallery;
    }

    /** What became of one photo. */
    public record PhotoOutcome(String source, String problem) {
        public boolean accepted() {
            return problem == null;
        }
    }

    /** What became of one person: each photo, and whether they are now in the gallery. */
    public record Result(String identityId, List<PhotoOutcome> photos, int templates, String modelVersion) {
        public boolean enrolled() {
            return templates > 0;
        }
    }

    /**
     * Enrols {@code identityId} from encoded photos (source name to bytes). Nothing is written when
     * no photo qualifies.
     */
    public Result enrol(String identityId, String displayName, Map<String, byte[]> photos) {
        List<ImageFaces> analyzed = pipeline.analyzeEncoded(photos);
        List<PhotoOutcome> outcomes = new ArrayList<>();
        List<EnrolTemplate> templates = new ArrayList<>();
        Map<String, Integer> taken = new LinkedHashMap<>();
        for (ImageFaces image : analyzed) {
            String problem = image.problem();
            outcomes.add(new PhotoOutcome(image.source(), problem));
            if (problem == null) {
                AnalyzedFace face = image.accepted().get(0);
                templates.add(new EnrolTemplate(templateId(image.source(), taken), face.embedding(),
                        ImageEncoder.png(face.crop())));
            }
        }
        String version = pipeline.embedder().modelVersion();
        if (!templates.isEmpty()) {
            // The person's metadata (their watchlists among it) outlives a re-enrolment.
            Map<String, String> metadata = gallery.crops().identity(identityId).map(StoredIdentity::metadata)
                    .orElse(Map.of());
            gallery.enrol(new EnrolmentRequest(identityId, displayName == null ? identityId : displayName, metadata,
                    version, templates));
        }
        return new Result(identityId, outcomes, templates.size(), version);
    }

    /** A template id from the photo's file name, made safe for the index's id alphabet and unique per person. */
    static String templateId(String source, Map<String, Integer> taken) {
        String name = source.replaceAll(".*[/\\\\]", "");
        String stem = name.replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "_");
        int n = taken.merge(stem, 1, Integer::sum);
        return n == 1 ? stem : stem + "-" + n;
    }
}
