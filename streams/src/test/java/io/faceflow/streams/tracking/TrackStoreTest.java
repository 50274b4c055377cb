package io.faceflow.streams.tracking;

import static io.faceflow.streams.tracking.SyntheticFaces.frame;
import static io.faceflow.streams.tracking.SyntheticFaces.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackStoreTest {
    /** Frames as (camera, sequence): each frame shows one face, still, at the same spot. */
    private static final class TrackingProcessor implements Processor<String, Long, Void, Void> {
        private final FaceTracker tracker = new FaceTracker(TrackerConfig.defaults());
        private KeyValueStore<String, TrackerState> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(TrackStore.NAME);
        }

        @Override
        public void process(Record<String, Long> frame) {
            TrackerState state = TrackStore.stateOf(store, frame.key());
            store.put(frame.key(), tracker.update(state, frame(frame.value(), seen(100, 100, 80, 0.9))).state());
        }
    }

    @Test
    void eachCameraKeepsItsOwnTracksInTheStore(@TempDir Path dir) {
        Topology topology = new Topology();
        topology.addSource("frames", Serdes.String().deserializer(), Serdes.Long().deserializer(), "frames");
        topology.addProcessor("track", TrackingProcessor::new, "frames");
        topology.addStateStore(TrackStore.builder(), "track");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "track-store-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, Long> frames = driver.createInputTopic("frames", Serdes.String().serializer(),
                    Serdes.Long().serializer());
            for (long seq = 0; seq < 3; seq++) {
                frames.pipeInput("gate", seq);
                frames.pipeInput("lobby", seq);
            }
            KeyValueStore<String, TrackerState> store = driver.getKeyValueStore(TrackStore.NAME);
            for (String camera : List.of("gate", "lobby")) {
                TrackerState state = store.get(camera);
                assertEquals(List.of(camera + "-1"), state.tracks().stream().map(Track::id).toList());
                assertEquals(3, state.tracks().get(0).facesSeen());
            }
        }
    }
}
