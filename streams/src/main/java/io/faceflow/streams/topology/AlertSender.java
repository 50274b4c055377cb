package io.faceflow.streams.topology;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.index.SearchHit;
import io.faceflow.index.gallery.Watchlists;
import io.faceflow.streams.config.WatchlistRouting;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The last step of an alert on both paths (per face and per track): whether the camera alerts for
 * the identity's watchlists at all, then faceflow.matches and each routed watchlist topic. The
 * groups come with the search hit's metadata, so routing needs no lookup of its own.
 */
final class AlertSender {
    private final WatchlistRouting routing;
    private final ProcessorContext<String, byte[]> context;
    private final FrameOutcomes outcomes;

    AlertSender(WatchlistRouting routing, ProcessorContext<String, byte[]> context, FrameOutcomes outcomes) {
        this.routing = routing;
        this.context = context;
        this.outcomes = outcomes;
    }

    /** The watchlists of the identity {@code hit} names, sorted; empty when it is on none. */
    static List<String> watchlists(SearchHit hit) {
        return Watchlists.of(hit.metadata());
    }

    /** Whether {@code cameraId} alerts for {@code hit}'s identity (a camera may be limited to some watchlists). */
    boolean wanted(String cameraId, SearchHit hit) {
        return routing.alertsOn(cameraId, watchlists(hit));
    }

    void send(MatchAlert alert) {
        byte[] json = Messages.toJson(alert);
        context.forward(new Record<>(alert.cameraId(), json, alert.captureTimeMs()), IdentificationTopology.MATCHES_SINK);
        for (String topic : routing.topicsFor(alert.watchlists() == null ? List.of() : alert.watchlists())) {
            context.forward(new Record<>(alert.cameraId(), json, alert.captureTimeMs()),
                    IdentificationTopology.watchlistSink(topic));
        }
        outcomes.alert();
    }
}
