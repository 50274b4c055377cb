package io.faceflow.recognition;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.image.InvalidImageException;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FacePipeline;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.ImageFaces;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.core.quality.QualityMeasures;
import io.faceflow.index.gallery.EnrolTemplate;
import io.faceflow.index.gallery.EnrolmentRequest;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.StoredIdentity;
import io.faceflow.index.unknowns.CandidateShot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrolment: each photo must show exactly one face that passes the quality policy; the accepted
 * faces become the person's templates in the live gallery, and their aligned crops are kept so the
 * gallery can be re-embedded for a later model. Re-enrolling a person replaces their templates and
 * keeps their metadata (watchlists). An unknown-person candidate is named the same way, from its
 * best shots ({@link #enrolShots}).
 */
public final class Enroller {
    private final FacePipeline pipeline;
    private final FaceQuality quality;
    private final GalleryManager gallery;

    public Enroller(FaceDetector detector, Embedder embedder, FaceQuality quality, GalleryManager gallery) {
        this.pipeline = new FacePipeline(detector, embedder, PipelineOptions.of(FaceSelection.ONLY, quality));
        this.quality = quality;
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
        return write(identityId, displayName, outcomes, templates);
    }

    /**
     * Enrols {@code identityId} from a candidate's best shots, under the same quality policy as a
     * photo: the face size is the one recorded when the shot was seen (a crop no longer shows it),
     * the sharpness is measured again on the crop. Accepted shots are embedded with this
     * enroller's embedder, whatever model the shot's own embedding came from, and their crops kept
     * for a later reindex. Outcomes are by shot id; nothing is written when no shot qualifies.
     */
    public Result enrolShots(String identityId, String displayName, List<CandidateShot> shots) {
        ImageDecoder decoder = new ImageDecoder();
        List<PhotoOutcome> outcomes = new ArrayList<>();
        List<CandidateShot> accepted = new ArrayList<>();
        List<BgrImage> crops = new ArrayList<>();
        for (CandidateShot shot : shots) {
            String problem;
            try {
                BgrImage crop = FaceAligner.asAligned(decoder.decode(shot.jpeg()));
                // The detector's score is not kept with a shot: the stream's detector accepted the face.
                problem = quality.problemWith(new QualityMeasures(shot.faceSize(), FaceQuality.sharpness(crop),
                        Double.NaN)).orElse(null);
                if (problem == null) {
                    accepted.add(shot);
                    crops.add(crop);
                }
            } catch (InvalidImageException e) {
                problem = "the shot's image cannot be read: " + e.getMessage();
            }
            outcomes.add(new PhotoOutcome(shot.shotId(), problem));
        }
        float[][] embeddings = crops.isEmpty() ? new float[0][] : pipeline.embedder().embed(crops);
        List<EnrolTemplate> templates = new ArrayList<>();
        Map<String, Integer> taken = new LinkedHashMap<>();
        for (int i = 0; i < embeddings.length; i++) {
            templates.add(new EnrolTemplate(templateId(accepted.get(i).shotId(), taken), embeddings[i],
                    accepted.get(i).jpeg()));
        }
        return write(identityId, displayName, outcomes, templates);
    }

    private Result write(String identityId, String displayName, List<PhotoOutcome> outcomes,
            List<EnrolTemplate> templates) {
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
