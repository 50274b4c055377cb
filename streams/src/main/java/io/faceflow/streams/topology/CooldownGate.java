package io.faceflow.streams.topology;

import io.faceflow.streams.config.AlertCooldowns;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The alert cooldown per (camera, identity), on capture time, in the fault-tolerant
 * {@link IdentificationTopology#COOLDOWN_STORE}: whether an alert may go out now, and if so the
 * window starts again.
 */
final class CooldownGate {
    private final KeyValueStore<String, Long> store;
    private final AlertCooldowns cooldowns;

    CooldownGate(KeyValueStore<String, Long> store, AlertCooldowns cooldowns) {
        this.store = store;
        this.cooldowns = cooldowns;
    }

    /** True, recording the alert, when {@code identityId} was not alerted on {@code cameraId} within its window. */
    boolean admit(String cameraId, String identityId, long captureMs) {
        String key = cameraId + "|" + identityId;
        Long last = store.get(key);
        if (last != null && Math.abs(captureMs - last) < cooldowns.millisFor(identityId)) {
            return false;
        }
        store.put(key, captureMs);
        return true;
    }
}
