package io.faceflow.console;

import io.faceflow.contract.models.ModelTopicReader;
import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.Calibration;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.index.GalleryCatalog;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models page: the version the gallery serves, every version it holds with its bundle's
 * evaluation and calibrated threshold, and how far a switch has rolled out (the gallery's live
 * pointer against what {@code faceflow.models} announced to the stream processors). Rollback does
 * what {@code faceflow gallery reindex --rollback --bootstrap} does: switch back, then announce.
 */
final class ModelRoutes {
    /** One model version the gallery holds. */
    record VersionView(String version, boolean live, boolean previous, String bundle, Calibration calibration,
            Map<String, Object> evaluation) {}

    /**
     * @param rollout in words: whether the stream processors were told to serve the gallery's live version
     * @param consoleModel the version this console's own searches and enrolments use
     */
    record ModelsView(String live, String previous, String announced, String rollout, String consoleModel,
            List<VersionView> versions) {}

    /** The topic holds a handful of records; longer means the broker is in trouble. */
    private static final Duration ANNOUNCEMENTS_READ_LIMIT = Duration.ofSeconds(10);

    private final ConsoleServices services;
    private final ConsoleSettings settings;

    ModelRoutes(ConsoleServices services, ConsoleSettings settings) {
        this.services = services;
        this.settings = settings;
    }

    void models(Context ctx) {
        GalleryCatalog catalog = services.gallery().catalog();
        String live = catalog.liveModelVersion().orElse(null);
        String previous = catalog.previousModelVersion().orElse(null);
        ModelTopicReader announced = ModelTopicReader.readAll(settings.kafka(), ANNOUNCEMENTS_READ_LIMIT);
        List<VersionView> versions = new ArrayList<>();
        for (String version : catalog.modelVersions()) {
            String bundle = announced.bundles().get(version);
            BundleManifest manifest = bundle != null && Files.isRegularFile(Path.of(bundle, ModelBundle.MANIFEST))
                    ? ModelBundle.readManifest(Path.of(bundle)) : null;
            versions.add(new VersionView(version, version.equals(live), version.equals(previous), bundle,
                    manifest == null ? null : manifest.calibration(), manifest == null ? Map.of() : manifest.evaluation()));
        }
        ctx.json(new ModelsView(live, previous, announced.liveVersion(), rollout(live, announced),
                services.live().version(), versions));
    }

    private static String rollout(String live, ModelTopicReader announced) {
        if (live == null) {
            return "the gallery has no live model yet: enrol someone first";
        }
        if (announced.liveVersion() == null) {
            return announced.bundles().containsKey(live)
                    ? "rolled out: the stream processors started with " + live + " and no switch was announced since"
                    : "no stream processor has announced " + live + " on faceflow.models: is one running?";
        }
        return live.equals(announced.liveVersion()) ? "rolled out: the stream processors were told to serve " + live
                : "the gallery serves " + live + " but the stream processors were told " + announced.liveVersion()
                        + ": announce again (`faceflow gallery reindex --rollback --bootstrap` or this page)";
    }

    void rollback(Context ctx) {
        String version = services.gallery().rollback();
        Audit.record(GalleryRoutes.user(ctx), ctx.ip(), "rollback", "model=" + version);
        ModelTopicWriter.announceLive(settings.kafka(), version, null);
        models(ctx);
    }
}
