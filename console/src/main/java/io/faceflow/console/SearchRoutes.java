package io.faceflow.console;

import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.pipeline.AnalyzedFace;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.StoredIdentity;
import io.faceflow.index.sightings.SightingHit;
import io.faceflow.recognition.IdentifiedFace;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.ImageIdentification;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.SightingSearch;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search page: who is this (1:N with the decision, as {@code faceflow search}), and where and
 * when was this face seen (as {@code faceflow sightings search}). Photos come by POST and results
 * carry faces inline, so no face ever appears in a URL.
 */
final class SearchRoutes {
    static final int CANDIDATES = 5;
    static final int MAX_SIGHTINGS = 50;

    record Candidate(String identityId, String displayName, String templateId, double score) {}

    /** One face of the photo: its crop, whether it was searched, and the decision. */
    record FaceView(String crop, String rejection, boolean known, String identityId, String displayName,
            Double score, Double threshold, List<Candidate> candidates) {}

    record IdentifyView(String modelVersion, String problem, List<FaceView> faces) {}

    /** A sighting, with who it was decided to be and a crop of theirs when still enrolled. */
    record SightingView(String sightingId, String cameraId, long captureTimeMs, double score, String identityId,
            String displayName, String enrolledCrop) {}

    record SightingsView(String modelVersion, String problem, String probe, List<SightingView> sightings) {}

    private final ConsoleServices services;
    private final ConsoleSettings settings;
    private final Identifier identifier;

    SearchRoutes(ConsoleServices services, ConsoleSettings settings) {
        this.services = services;
        this.settings = settings;
        this.identifier = new Identifier(services.detector(), PipelineOptions.of(FaceSelection.ALL,
                FaceQuality.IDENTIFICATION), services.live(), CANDIDATES);
    }

    void identify(Context ctx) {
        Map.Entry<String, byte[]> photo = Uploads.photo(ctx, "photo", settings.maxUploadBytes());
        ImageIdentification result = identifier.identifyEncoded(Map.of(photo.getKey(), photo.getValue())).get(0);
        List<FaceView> faces = result.faces().stream().map(SearchRoutes::face).toList();
        ctx.json(new IdentifyView(result.modelVersion(), result.problem(), faces));
    }

    private static FaceView face(IdentifiedFace f) {
        String crop = dataUri(f.face());
        if (f.decision() == null) {
            return new FaceView(crop, f.face().rejection(), false, null, null, null, null, List.of());
        }
        List<Candidate> candidates = f.candidates().stream()
                .map(h -> new Candidate(h.identityId(), h.displayName(), h.templateId(), h.score())).toList();
        var best = f.decision().best();
        return new FaceView(crop, null, f.decision().known(), f.decision().identityId(),
                f.decision().known() ? best.displayName() : null, best == null ? null : (double) best.score(),
                f.decision().threshold(), candidates);
    }

    void sightings(Context ctx) {
        Map.Entry<String, byte[]> photo = Uploads.photo(ctx, "photo", settings.maxUploadBytes());
        long from = millis(ctx, "fromMs", 0);
        long to = millis(ctx, "toMs", System.currentTimeMillis());
        String camera = ctx.formParam("camera");
        SightingSearch.Result found;
        try (LiveModel.Lease lease = services.live().acquire()) {
            found = new SightingSearch(services.detector(), lease.generation().embedder(),
                    services.gallery().catalog()).search(photo.getKey(), photo.getValue(), from, to, MAX_SIGHTINGS,
                    camera == null || camera.isBlank() ? null : camera.trim());
        }
        ctx.json(sightingsView(found.modelVersion(), found.problem(),
                found.probe() == null ? null : dataUri(found.probe()), found.hits(), services.gallery().crops()));
    }

    /** The page's view of sightings found by a photo or by an unknown candidate ({@code probe}: the face searched). */
    static SightingsView sightingsView(String modelVersion, String problem, String probe, List<SightingHit> hits,
            CropStore crops) {
        return new SightingsView(modelVersion, problem, probe, hits.stream().map(h -> sighting(h, crops)).toList());
    }

    private static SightingView sighting(SightingHit h, CropStore crops) {
        var who = h.identityId() == null ? Optional.<StoredIdentity>empty() : crops.identity(h.identityId());
        return new SightingView(h.sightingId(), h.cameraId(), h.captureTimeMs(), h.score(), h.identityId(),
                who.map(StoredIdentity::displayName).orElse(null),
                who.map(w -> "/api/people/" + w.identityId() + "/photo").orElse(null));
    }

    static long millis(Context ctx, String field, long fallback) {
        String v = ctx.formParam(field);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(field + "=" + v + " is not a time in epoch milliseconds");
        }
    }

    /** The aligned crop as an inline JPEG, for the page only. */
    private static String dataUri(AnalyzedFace face) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(ImageEncoder.jpeg(face.crop(), 90));
    }
}
