package io.faceflow.streams.topology;

import io.faceflow.contract.topic.Topics;
import io.faceflow.recognition.Identifier;
import io.faceflow.streams.config.TopologySettings;
import io.faceflow.streams.tracking.TrackStore;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The identification topology, built by one pure function: settings and dependencies in,
 * {@link Topology} out. Frames flow through one processor that decodes, identifies (detect,
 * quality, align, embed, search, decide) and de-duplicates alerts in a fault-tolerant store, and
 * out to four sinks:
 *
 * <pre>
 *  faceflow.frames ──► identify ──┬─► faceflow.sightings   every accepted face (JSON)
 *                        │        ├─► faceflow.matches     alerts, one per (camera, identity) per cooldown (JSON)
 *                 [alert-cooldowns]├─► faceflow.frames.dlq  frames that fail the header contract or decoding
 *                                 ├─► unknown-face topic   optional
 *                                 └─► faceflow.matches.&lt;watchlist&gt;  optional, alerts per watchlist
 * </pre>
 *
 * <p>With {@link TopologySettings#tracks()} the processor also keeps each camera's face tracks in
 * {@link TrackStore} and decides and alerts per track ({@link TrackedFrames}).
 */
public final class IdentificationTopology {
    public static final String SOURCE = "frames";
    public static final String PROCESSOR = "identify";
    public static final String SIGHTINGS_SINK = "sightings";
    public static final String MATCHES_SINK = "matches";
    public static final String DLQ_SINK = "dead-letters";
    public static final String UNKNOWN_SINK = "unknown-faces";
    public static final String COOLDOWN_STORE = "alert-cooldowns";

    private IdentificationTopology() {}

    /** The sink of a per-watchlist alert topic. */
    static String watchlistSink(String topic) {
        return "matches-to-" + topic;
    }

    public static Topology build(TopologySettings settings, Identifier identifier, FrameOutcomes outcomes,
            Clock clock) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                settings.framesTopic());
        topology.addProcessor(PROCESSOR,
                () -> new FrameProcessor(settings, identifier, outcomes, clock), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COOLDOWN_STORE),
                Serdes.String(), Serdes.Long()), PROCESSOR);
        if (settings.tracks() != null) {
            topology.addStateStore(TrackStore.builder(), PROCESSOR);
        }
        topology.addSink(SIGHTINGS_SINK, Topics.SIGHTINGS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), PROCESSOR);
        topology.addSink(MATCHES_SINK, Topics.MATCHES, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR);
        for (String topic : settings.watchlists().allTopics()) {
            topology.addSink(watchlistSink(topic), topic, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                    PROCESSOR);
        }
        topology.addSink(DLQ_SINK, Topics.FRAMES_DLQ, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR);
        if (settings.unknownTopic() != null) {
            topology.addSink(UNKNOWN_SINK, settings.unknownTopic(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer(), PROCESSOR);
        }
        return topology;
    }
}
