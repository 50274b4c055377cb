package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {
    /** A clock the test moves. */
    private static final class Hands extends Clock {
        long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aSessionLivesWhileUsedAndEndsAfterItsIdleLimit() {
        Hands clock = new Hands();
        Sessions sessions = new Sessions(Duration.ofMinutes(10), clock);
        Sessions.Session s = sessions.open("admin");
        assertNotEquals(s.id(), s.csrfToken());
        clock.millis += Duration.ofMinutes(9).toMillis();
        assertEquals("admin", sessions.find(s.id()).orElseThrow().user(), "used within the limit");
        clock.millis += Duration.ofMinutes(9).toMillis();
        assertTrue(sessions.find(s.id()).isPresent(), "the last use restarted the idle time");
        clock.millis += Duration.ofMinutes(11).toMillis();
        assertTrue(sessions.find(s.id()).isEmpty(), "idle too long");
        assertTrue(sessions.find(null).isEmpty());
        Sessions.Session t = sessions.open("admin");
        sessions.close(t.id());
        assertTrue(sessions.find(t.id()).isEmpty(), "signed out");
    }
}
