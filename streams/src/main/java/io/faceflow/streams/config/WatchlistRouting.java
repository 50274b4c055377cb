package io.faceflow.streams.config;

import io.faceflow.contract.topic.Topics;
import io.faceflow.index.gallery.Watchlists;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where alerts go by watchlist (the named groups an identity is on, see {@link Watchlists}).
 *
 * @param topics also send each alert to {@code faceflow.matches.<group>} for each of its groups
 *     that is in {@code groups} ({@code alerts.watchlist.topics})
 * @param groups the watchlists whose topics exist ({@code watchlists}): a topic sink is fixed when
 *     the topology is built, so a group created later is routed once it is listed here and the
 *     processor restarts; until then its alerts still go to faceflow.matches with the group named
 * @param cameras per camera, the only watchlists it alerts for ({@code camera.<id>.watchlists}); a
 *     camera not named alerts for everyone. Its faces are still decided and its sightings kept.
 */
public record WatchlistRouting(boolean topics, List<String> groups, Map<String, List<String>> cameras) {
    public static final WatchlistRouting NONE = new WatchlistRouting(false, List.of(), Map.of());

    public WatchlistRouting {
        groups = List.copyOf(new TreeSet<>(groups.stream().map(Watchlists::requireGroup).toList()));
        Map<String, List<String>> checked = new HashMap<>();
        cameras.forEach((camera, limit) -> {
            if (limit.isEmpty()) {
                throw new IllegalArgumentException("camera." + camera + ".watchlists is empty: name at least one"
                        + " watchlist, or remove the setting to alert for everyone on that camera");
            }
            checked.put(camera, List.copyOf(new TreeSet<>(limit.stream().map(Watchlists::requireGroup).toList())));
        });
        cameras = Map.copyOf(checked);
        if (topics && groups.isEmpty()) {
            throw new IllegalArgumentException("alerts.watchlist.topics=true needs the watchlists to route:"
                    + " list them in watchlists=GROUP1,GROUP2 (their topics faceflow.matches.GROUP are created at start)");
        }
    }

    /** Whether {@code cameraId} alerts for an identity on {@code identityGroups}. */
    public boolean alertsOn(String cameraId, List<String> identityGroups) {
        List<String> limit = cameras.get(cameraId);
        return limit == null || identityGroups.stream().anyMatch(limit::contains);
    }

    /** The per-watchlist topics an alert for an identity on {@code identityGroups} also goes to. */
    public List<String> topicsFor(List<String> identityGroups) {
        return topics ? identityGroups.stream().filter(groups::contains).map(Topics::watchlistMatches).toList()
                : List.of();
    }

    /** Every per-watchlist topic this routing may write to. */
    public Set<String> allTopics() {
        return topics ? new TreeSet<>(groups.stream().map(Topics::watchlistMatches).toList()) : Set.of();
    }
}
