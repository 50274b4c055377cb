package io.faceflow.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NegativeReportTest {
    @Test
    void aProposalIsTheNextHundredthStrictlyAboveTheHighestImpostorAndAtMostOne() {
        assertEquals(0.62, NegativeReport.proposal(0.612), 1e-9);
        assertEquals(0.63, NegativeReport.proposal(0.62), 1e-9);
        assertEquals(0.01, NegativeReport.proposal(0.0), 1e-9);
        assertEquals(-0.19, NegativeReport.proposal(-0.2), 1e-9);
        assertEquals(1.0, NegativeReport.proposal(0.995), 1e-9);
        assertEquals(1.0, NegativeReport.proposal(1.0), 1e-9);
    }
}
