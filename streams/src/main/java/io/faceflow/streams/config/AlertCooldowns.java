package io.faceflow.streams.config;

import java.time.Duration;
import java.util.Map;

/**
 * How long a camera stays quiet about an identity after alerting on it: one alert per (camera,
 * identity) per window, so a person standing in view for a minute is one alert, not 300. A
 * watchlist entry may want a shorter window (re-alert often) or a longer one.
 */
public record AlertCooldowns(Duration standard, Map<String, Duration> perIdentity) {
    public AlertCooldowns {
        perIdentity = Map.copyOf(perIdentity);
        if (standard.isNegative()) {
            throw new IllegalArgumentException("alert cooldown must be >= 0, got " + standard);
        }
        perIdentity.forEach((k, v) -> {
            if (v.isNegative()) {
                throw new IllegalArgumentException("alert cooldown of identity " + k + " must be >= 0, got " + v);
            }
        });
    }

    public long millisFor(String identityId) {
        return perIdentity.getOrDefault(identityId, standard).toMillis();
    }

    /** The longest window: state older than this can be forgotten. */
    public long longestMillis() {
        return Math.max(standard.toMillis(), perIdentity.values().stream().mapToLong(Duration::toMillis).max().orElse(0));
    }
}
