package io.faceflow.console;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.index.Ids;
import io.faceflow.index.gallery.NegativeStore;
import io.faceflow.recognition.AlertCorrection;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;

/** Corrections on the live page: "Not this person" keeps an alert's face as a negative of the person it named. */
final class CorrectionRoutes {
    /** What a correction did: stored, or already stored by an earlier one. */
    record CorrectionView(String alertId, String identityId, boolean stored) {}

    private final ConsoleServices services;
    private final AlertFeed feed;
    private final Clock clock;

    CorrectionRoutes(ConsoleServices services, AlertFeed feed, Clock clock) {
        this.services = services;
        this.feed = feed;
        this.clock = clock;
    }

    void notThisPerson(Context ctx) {
        String alertId = Ids.requireId("alert id", ctx.pathParam("alertId"));
        MatchAlert alert = feed.recent(alertId).orElseThrow(() -> new NotFoundResponse("alert " + alertId
                + " is not among the console's last " + AlertFeed.RECENT + " alerts: correct it with `faceflow correct "
                + alertId + " --not`, which finds it on the topic"));
        String user = GalleryRoutes.user(ctx);
        boolean stored = AlertCorrection.notThisPerson(new NegativeStore(services.gallery().crops()), alert, user,
                clock.millis());
        Audit.record(user, ctx.ip(), "not-this-person", "alert=" + alertId + " person=" + alert.identityId()
                + (stored ? "" : " (already corrected)"));
        ctx.json(new CorrectionView(alertId, alert.identityId(), stored));
    }
}
