package io.faceflow.console;

import io.faceflow.core.image.ImageFormat;
import io.faceflow.core.quality.FaceQuality;
import io.faceflow.index.Ids;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.ForgetReport;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.StoredIdentity;
import io.faceflow.recognition.CropReembedder;
import io.faceflow.recognition.Enroller;
import io.faceflow.recognition.LiveModel;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gallery page: who is enrolled with their crops; enrol by upload (the same {@link Enroller},
 * quality policy and messages as {@code faceflow enroll}); rename; forget (as {@code faceflow forget}).
 */
final class GalleryRoutes {
    /** A person as the gallery page lists them. */
    record Person(String identityId, String displayName, List<String> templates) {}

    /** What one photo of an enrolment became: accepted, or the reason it was not. */
    record PhotoView(String photo, boolean accepted, String problem) {}

    record EnrolView(String identityId, boolean enrolled, int templates, String modelVersion, List<PhotoView> photos) {
        static EnrolView of(Enroller.Result result) {
            return new EnrolView(result.identityId(), result.enrolled(), result.templates(), result.modelVersion(),
                    result.photos().stream().map(p -> new PhotoView(p.source(), p.accepted(), p.problem())).toList());
        }
    }

    private final ConsoleServices services;
    private final ConsoleSettings settings;
    private final AlertFeed feed;

    GalleryRoutes(ConsoleServices services, ConsoleSettings settings, AlertFeed feed) {
        this.services = services;
        this.settings = settings;
        this.feed = feed;
    }

    void people(Context ctx) {
        CropStore crops = services.gallery().crops();
        List<Person> people = new ArrayList<>();
        for (String id : crops.identityIds()) {
            crops.identity(id).ifPresent(who -> people.add(new Person(id, who.displayName(),
                    List.copyOf(crops.crops(id).keySet()))));
        }
        ctx.json(people);
    }

    /** One enrolled crop, by id and template in the path: the image itself never travels in a URL. */
    void crop(Context ctx) {
        String id = Ids.requireId("identity id", ctx.pathParam("id"));
        sendCrop(ctx, services.gallery().crops().crops(id).get(ctx.pathParam("template")));
    }

    /** The person's first enrolled crop: the photo an alert or a sighting shows beside the face seen. */
    void photo(Context ctx) {
        String id = Ids.requireId("identity id", ctx.pathParam("id"));
        sendCrop(ctx, services.gallery().crops().crops(id).values().stream().findFirst().orElse(null));
    }

    private static void sendCrop(Context ctx, byte[] crop) {
        if (crop == null) {
            throw new NotFoundResponse("no such crop");
        }
        ctx.contentType(ImageFormat.sniff(crop).contentType()).result(crop);
    }

    void enrol(Context ctx) {
        String id = Ids.requireId("person id", required(ctx, "identityId"));
        String name = ctx.formParam("displayName");
        Map<String, byte[]> photos = Uploads.photos(ctx, "photos", ConsoleSettings.MAX_PHOTOS, settings.maxUploadBytes());
        Enroller.Result result;
        try (LiveModel.Lease lease = services.live().acquire()) {
            result = new Enroller(services.detector(), lease.generation().embedder(), FaceQuality.ENROLMENT,
                    services.gallery()).enrol(id, name == null || name.isBlank() ? id : name.trim(), photos);
        }
        if (result.enrolled()) {
            Audit.record(user(ctx), ctx.ip(), "enrol", "person=" + id + " templates=" + result.templates()
                    + " model=" + result.modelVersion());
        }
        ctx.status(result.enrolled() ? 200 : 422).json(EnrolView.of(result));
    }

    void rename(Context ctx) {
        String id = Ids.requireId("identity id", ctx.pathParam("id"));
        String name = required(ctx, "displayName").trim();
        GalleryManager gallery = services.gallery();
        try (LiveModel.Lease lease = services.live().acquire()) {
            gallery.rename(id, name, new CropReembedder(lease.generation().embedder()));
        }
        Audit.record(user(ctx), ctx.ip(), "rename", "person=" + id);
        StoredIdentity renamed = gallery.crops().identity(id).orElseThrow();
        ctx.json(new Person(id, renamed.displayName(), List.copyOf(gallery.crops().crops(id).keySet())));
    }

    void forget(Context ctx) {
        String id = Ids.requireId("identity id", ctx.pathParam("id"));
        ForgetReport report = services.gallery().forget(id);
        if (!report.found()) {
            throw new NotFoundResponse("no person '" + id + "' in the gallery: nothing was erased");
        }
        feed.forget(id);
        Audit.record(user(ctx), ctx.ip(), "forget", "person=" + id + " versions=" + report.erasedFromVersions()
                + " crops=" + report.cropsRemoved() + " sightings=" + report.sightingsErased() + " candidates="
                + report.candidatesErased());
        ctx.json(report);
    }

    static String required(Context ctx, String field) {
        String value = ctx.formParam(field);
        if (value == null || value.isBlank()) {
            throw new BadRequestResponse(field + " is required");
        }
        return value;
    }

    static String user(Context ctx) {
        return AccessGuard.session(ctx).user();
    }
}
