package io.faceflow.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakSamplerTest {
    @Test
    void growthIsTheLeastSquaresSlopeOfTheSamplesAfterTheWarmUp() {
        // 600 MB climbing 10 MB a minute after a warm-up that jumped from 100 MB.
        List<SoakSampler.Sample> samples = List.of(
                new SoakSampler.Sample(0, 100 * 1024, 100, 0),
                new SoakSampler.Sample(60, 600 * 1024, 200, 0),
                new SoakSampler.Sample(120, 610 * 1024, 200, 0),
                new SoakSampler.Sample(180, 620 * 1024, 200, 0),
                new SoakSampler.Sample(240, 630 * 1024, 200, 0));
        assertEquals(600, SoakSampler.residentGrowthMbPerHour(samples, 60), 1e-9, "10 MB/min = 600 MB/h");
        assertTrue(SoakSampler.residentGrowthMbPerHour(samples, 0) > 600, "the warm-up jump inflates the slope");
        assertTrue(Double.isNaN(SoakSampler.residentGrowthMbPerHour(samples, 240)), "one sample has no slope");
    }

    @Test
    void theClockReadsHoursMinutesSeconds() {
        assertEquals("0:01:05", SoakSampler.clock(65));
        assertEquals("1:00:00", SoakSampler.clock(3600));
    }
}
