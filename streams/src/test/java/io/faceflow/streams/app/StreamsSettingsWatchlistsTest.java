package io.faceflow.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.streams.config.WatchlistRouting;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code watchlists}, {@code alerts.watchlist.topics} and {@code camera.<id>.watchlists} keys. */
class StreamsSettingsWatchlistsTest {
    private static WatchlistRouting routing(Map<String, String> keys) {
        Properties file = new Properties();
        file.putAll(Map.of("bootstrap", "localhost:9092", "index", "file:/tmp/unused", "model", "/tmp/unused"));
        return StreamsSettings.load(file, keys).topology().watchlists();
    }

    @Test
    void noKeysNoRouting() {
        assertEquals(WatchlistRouting.NONE, routing(Map.of()));
        assertTrue(routing(Map.of()).alertsOn("any", List.of()));
    }

    @Test
    void topicsPerListedWatchlistAndCamerasLimitedToTheirOwn() {
        WatchlistRouting r = routing(Map.of("alerts.watchlist.topics", "true", "watchlists", "vip, staff",
                "camera.gate.2.watchlists", "vip", "camera.lobby.watchlists", "staff,contractors"));
        assertEquals(Set.of("faceflow.matches.staff", "faceflow.matches.vip"), r.allTopics());
        assertEquals(List.of("faceflow.matches.vip"), r.topicsFor(List.of("unlisted", "vip")),
                "a watchlist not listed has no topic yet");
        assertTrue(r.alertsOn("gate.2", List.of("staff", "vip")), "camera ids may hold dots");
        assertFalse(r.alertsOn("gate.2", List.of("staff")));
        assertFalse(r.alertsOn("gate.2", List.of()), "a limited camera alerts for no one on no watchlist");
        assertTrue(r.alertsOn("door", List.of()), "an unlimited camera alerts for everyone");
        assertTrue(r.alertsOn("lobby", List.of("contractors")));
    }

    @Test
    void badValuesStopTheStartWithTheKeyAndWhatToDo() {
        var noGroups = assertThrows(IllegalArgumentException.class,
                () -> routing(Map.of("alerts.watchlist.topics", "true")));
        assertTrue(noGroups.getMessage().contains("watchlists=GROUP1,GROUP2"), noGroups.getMessage());
        var badName = assertThrows(IllegalArgumentException.class,
                () -> routing(Map.of("camera.door.watchlists", "vip,bad name")));
        assertTrue(badName.getMessage().contains("camera.door.watchlists") && badName.getMessage().contains("bad name"),
                badName.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> routing(Map.of("camera.door.watchlists", ",")));
        assertTrue(empty.getMessage().contains("camera.door.watchlists"), empty.getMessage());
    }
}
