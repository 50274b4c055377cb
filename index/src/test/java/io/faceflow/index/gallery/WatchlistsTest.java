package io.faceflow.index.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchlistsTest {
    @Test
    void groupsAreSortedWithoutRepeatsAndTheKeyGoesWithTheLast() {
        assertEquals(List.of("staff", "vip"), Watchlists.parse(" vip,staff , vip"));
        assertEquals(List.of(), Watchlists.parse(" "));
        Map<String, String> on = Watchlists.withGroups(Map.of("team", "a"), List.of("vip", "staff"));
        assertEquals(Map.of("team", "a", "watchlists", "staff,vip"), on);
        assertEquals(List.of("staff", "vip"), Watchlists.of(on));
        assertEquals(Map.of("team", "a"), Watchlists.withGroups(on, List.of()));
    }

    @Test
    void aNameThatCannotNameATopicIsRefused() {
        for (String bad : new String[] {"", "a b", "a.b", "-a", "x".repeat(65), "a,b"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Watchlists.requireGroup(bad), bad);
            assertTrue(e.getMessage().contains("watchlist name"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Watchlists.parse("ok,,bad name"));
    }
}
