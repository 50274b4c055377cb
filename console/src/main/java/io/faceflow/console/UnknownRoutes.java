package io.faceflow.console;

import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.ImageFormat;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.Ids;
import io.faceflow.index.sightings.SightingHit;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateMerge;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import io.faceflow.index.unknowns.CandidateVisit;
import io.faceflow.recognition.Enroller;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.SightingSearch;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;

/**
 * The "Unknown people" page: the candidates the stream clustered from unknown tracks, of the live
 * model version, most visits first. An operator names one (it is enrolled from its best shots
 * through the {@link Enroller}'s quality policy, as an upload would be), merges two, ignores one
 * (it stays, as a negative that absorbs its tracks silently) or searches where it was seen. The
 * system itself never enrols anyone.
 */
final class UnknownRoutes {
    /** A candidate as the page shows it: never its embeddings, its shots by id only. */
    record CandidateView(String candidateId, String status, int visits, long firstSeenMs, long lastSeenMs,
            List<String> cameras, List<String> shots, List<CandidateVisit> timeline) {
        static CandidateView of(Candidate c) {
            return new CandidateView(c.candidateId(), c.status().name(), c.visits().size(), c.firstSeenMs(),
                    c.lastSeenMs(), c.visits().stream().map(CandidateVisit::cameraId).distinct().sorted().toList(),
                    c.shots().stream().map(CandidateShot::shotId).toList(), c.visits());
        }
    }

    private final ConsoleServices services;

    UnknownRoutes(ConsoleServices services) {
        this.services = services;
    }

    /** Open candidates, or with {@code ?ignored=true} the ignored ones, most visits first. */
    void list(Context ctx) {
        Candidate.Status status = Boolean.parseBoolean(ctx.queryParam("ignored"))
                ? Candidate.Status.IGNORED : Candidate.Status.OPEN;
        try (LiveModel.Lease lease = services.live().acquire()) {
            ctx.json(store(lease).list().stream().filter(c -> c.status() == status).map(CandidateView::of).toList());
        }
    }

    void shot(Context ctx) {
        String shotId = Ids.requireId("shot id", ctx.pathParam("shot"));
        try (LiveModel.Lease lease = services.live().acquire()) {
            Candidate c = find(store(lease), ctx);
            byte[] jpeg = c.shots().stream().filter(s -> s.shotId().equals(shotId)).findFirst()
                    .map(CandidateShot::jpeg)
                    .orElseThrow(() -> new NotFoundResponse("candidate '" + c.candidateId() + "' has no shot '"
                            + shotId + "'"));
            ctx.contentType(ImageFormat.sniff(jpeg).contentType()).result(jpeg);
        }
    }

    /**
     * Enrols the candidate as a new person from the shots that pass the enrolment policy, then
     * removes the candidate; 422 with each shot's reason when none does (the candidate stays).
     */
    void name(Context ctx) {
        String identityId = Ids.requireId("person id", GalleryRoutes.required(ctx, "identityId").trim());
        String name = ctx.formParam("displayName");
        if (services.gallery().crops().identity(identityId).isPresent()) {
            throw new ConflictResponse("person '" + identityId + "' is already enrolled: naming a candidate"
                    + " creates a new person, pick another id");
        }
        try (LiveModel.Lease lease = services.live().acquire()) {
            CandidateStore store = store(lease);
            Candidate c = find(store, ctx);
            Enroller.Result result = new Enroller(services.detector(), lease.generation().embedder(),
                    FaceQuality.ENROLMENT, services.gallery()).enrolShots(identityId,
                    name == null || name.isBlank() ? identityId : name.trim(), c.shots());
            if (result.enrolled()) {
                store.delete(c.candidateId());
                Audit.record(GalleryRoutes.user(ctx), ctx.ip(), "name-candidate", "candidate=" + c.candidateId()
                        + " person=" + identityId + " templates=" + result.templates() + " model="
                        + result.modelVersion());
            }
            ctx.status(result.enrolled() ? 200 : 422).json(GalleryRoutes.EnrolView.of(result));
        }
    }

    /** Merges the candidate of the path into {@code into}, which keeps its id; the first one goes. */
    void merge(Context ctx) {
        String intoId = Ids.requireId("candidate id", GalleryRoutes.required(ctx, "into").trim());
        try (LiveModel.Lease lease = services.live().acquire()) {
            CandidateStore store = store(lease);
            Candidate from = find(store, ctx);
            Candidate into = store.get(intoId).orElseThrow(() -> new NotFoundResponse("no unknown candidate '"
                    + intoId + "' to merge into (model " + store.modelVersion() + "): reload the page"));
            Candidate merged = CandidateMerge.merge(into, from);
            // Saved before the other goes: a failure in between leaves a duplicate, never a lost visit.
            store.save(merged);
            store.delete(from.candidateId());
            Audit.record(GalleryRoutes.user(ctx), ctx.ip(), "merge-candidates", "candidate=" + from.candidateId()
                    + " into=" + into.candidateId());
            ctx.json(CandidateView.of(merged));
        }
    }

    /** Keeps the candidate as a negative: its tracks keep joining it, and it leaves the open list. */
    void ignore(Context ctx) {
        try (LiveModel.Lease lease = services.live().acquire()) {
            CandidateStore store = store(lease);
            Candidate c = find(store, ctx);
            Candidate ignored = new Candidate(c.candidateId(), c.modelVersion(), c.centroid(), c.members(),
                    c.visits(), c.shots(), Candidate.Status.IGNORED);
            store.save(ignored);
            Audit.record(GalleryRoutes.user(ctx), ctx.ip(), "ignore-candidate", "candidate=" + c.candidateId());
            ctx.json(CandidateView.of(ignored));
        }
    }

    /** Where the candidate was seen: the sightings nearest its centroid, optionally in [fromMs, toMs] and on one camera. */
    void sightings(Context ctx) {
        long from = SearchRoutes.millis(ctx, "fromMs", 0);
        long to = SearchRoutes.millis(ctx, "toMs", System.currentTimeMillis());
        String camera = ctx.formParam("camera");
        try (LiveModel.Lease lease = services.live().acquire()) {
            Candidate c = find(store(lease), ctx);
            List<SightingHit> hits = new SightingSearch(services.detector(), lease.generation().embedder(),
                    services.gallery().catalog()).search(c.centroid(), from, to, SearchRoutes.MAX_SIGHTINGS,
                    camera == null || camera.isBlank() ? null : camera.trim());
            Audit.record(GalleryRoutes.user(ctx), ctx.ip(), "search-candidate-sightings",
                    "candidate=" + c.candidateId());
            String probe = c.shots().isEmpty() ? null
                    : "/api/unknowns/" + c.candidateId() + "/shots/" + c.shots().get(0).shotId();
            ctx.json(SearchRoutes.sightingsView(c.modelVersion(), null, probe, hits, services.gallery().crops()));
        }
    }

    /** The live model version's candidates: what the stream clusters into and the page acts on. */
    private CandidateStore store(LiveModel.Lease lease) {
        Embedder embedder = lease.generation().embedder();
        return services.gallery().catalog().candidates(embedder.modelVersion(), embedder.dimension());
    }

    private static Candidate find(CandidateStore store, Context ctx) {
        String id = Ids.requireId("candidate id", ctx.pathParam("id"));
        return store.get(id).orElseThrow(() -> new NotFoundResponse("no unknown candidate '" + id + "' (model "
                + store.modelVersion() + "): it may have been named, merged or expired; reload the page"));
    }
}
