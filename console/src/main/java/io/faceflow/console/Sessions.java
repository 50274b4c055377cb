package io.faceflow.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers: a random session id (the cookie) maps to who it is and the session's CSRF
 * token. Held in memory only, so a restart signs everyone out. Sessions end after
 * {@code idleLimit} without a request.
 */
final class Sessions {
    /** One browser's session. */
    record Session(String id, String user, String csrfToken, long lastSeenMs) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idleLimit;
    private final Clock clock;

    Sessions(Duration idleLimit, Clock clock) {
        this.idleLimit = idleLimit;
        this.clock = clock;
    }

    Session open(String user) {
        long now = clock.millis();
        // Expired sessions are otherwise dropped only when their browser comes back.
        byId.values().removeIf(old -> now - old.lastSeenMs() > idleLimit.toMillis());
        Session s = new Session(token(), user, token(), now);
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle time reset; empty when unknown or expired. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Session s = byId.computeIfPresent(id, (k, old) -> now - old.lastSeenMs() > idleLimit.toMillis() ? null
                : new Session(old.id(), old.user(), old.csrfToken(), now));
        return Optional.ofNullable(s);
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
