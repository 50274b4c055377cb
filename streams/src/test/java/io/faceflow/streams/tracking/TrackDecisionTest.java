package io.faceflow.streams.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrackDecisionTest {
    @Test
    void anAlertIsOwedOncePerDecidedIdentity() {
        TrackDecision alice = TrackDecision.UNDECIDED.decide("alice");
        assertTrue(alice.alertDue());
        TrackDecision alerted = alice.markAlerted();
        assertFalse(alerted.decide("alice").alertDue(), "same identity again: no second alert");
        assertTrue(alerted.decide("bob").alertDue(), "identity changed: alert again");
        assertFalse(alerted.decide(null).alertDue(), "unknown: nothing to alert");
    }
}
