package io.faceflow.streams.tracking;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The store of every camera's {@link TrackerState}, keyed by camera id. Persistent and backed by
 * its changelog topic, so tracks survive a restart or a move of the camera's partition to another
 * instance; a camera's frames come on one partition, in order, so one processor owns its tracks.
 */
public final class TrackStore {
    public static final String NAME = "face-tracks";

    private TrackStore() {}

    public static StoreBuilder<KeyValueStore<String, TrackerState>> builder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(),
                new TrackerStateSerde());
    }

    /** The camera's stored tracks, or none yet. */
    public static TrackerState stateOf(KeyValueStore<String, TrackerState> store, String cameraId) {
        TrackerState state = store.get(cameraId);
        return state != null ? state : TrackerState.empty(cameraId);
    }
}
