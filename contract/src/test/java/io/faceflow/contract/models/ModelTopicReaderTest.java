package io.faceflow.contract.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faceflow.contract.message.Messages;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTopicReaderTest {
    private static byte[] json(String version, String bundle) {
        return Messages.toJson(new ModelAnnouncement(version, bundle, 1L));
    }

    @Test
    void aLiveRecordWithoutBundleFindsTheBundleAnnouncedForItsVersion() {
        ModelTopicReader reader = new ModelTopicReader();
        assertNull(reader.accept(ModelAnnouncement.BUNDLE_KEY_PREFIX + "v1", json("v1", "/models/v1")));
        ModelAnnouncement live = reader.accept(ModelAnnouncement.LIVE_KEY, json("v1", null));
        assertEquals("v1", live.modelVersion());
        assertEquals("/models/v1", reader.bundleOf(live));
        assertEquals("v1", reader.liveVersion());
        assertEquals(Map.of("v1", "/models/v1"), reader.bundles());
    }

    @Test
    void aLiveRecordNamingItsBundleWins() {
        ModelTopicReader reader = new ModelTopicReader();
        reader.accept(ModelAnnouncement.BUNDLE_KEY_PREFIX + "v2", json("v2", "/old/v2"));
        assertEquals("/new/v2", reader.bundleOf(reader.accept(ModelAnnouncement.LIVE_KEY, json("v2", "/new/v2"))));
    }

    @Test
    void tombstonesAndUnknownKeysChangeNothingAndGarbageIsRefused() {
        ModelTopicReader reader = new ModelTopicReader();
        assertNull(reader.accept(ModelAnnouncement.LIVE_KEY, null));
        assertNull(reader.accept("other", json("v3", "/models/v3")));
        assertNull(reader.liveVersion());
        assertEquals(Map.of(), reader.bundles());
        assertThrows(RuntimeException.class,
                () -> reader.accept(ModelAnnouncement.LIVE_KEY, "not json".getBytes(StandardCharsets.UTF_8)));
    }
}
