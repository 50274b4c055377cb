package io.faceflow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StreamStatusTest {
    private static final String SCRAPE = String.join("\n",
            "# HELP faceflow_stream_frames_total frames processed",
            "# TYPE faceflow_stream_frames_total counter",
            "faceflow_stream_frames_total 42.0",
            "faceflow_stream_frames_total_other 7.0",
            "faceflow_stream_faces_total 90.0",
            "kafka_consumer_fetch_manager_records_lag_max{client_id=\"a\",topic=\"faceflow.frames\"} 3.0",
            "kafka_consumer_fetch_manager_records_lag_max{client_id=\"b\"} NaN",
            "kafka_consumer_fetch_manager_records_lag_max{client_id=\"c\"} 12.0",
            "faceflow_stream_camera_frames_total{camera=\"door\"} 5.0",
            "faceflow_stream_camera_frames_total{camera=\"hall\"} 2.0",
            "faceflow_stream_camera_last_capture_ms{camera=\"door\"} 1.7646e+12");

    @Test
    void countersAndLagAreReadFromPrometheusText() {
        assertEquals(42.0, StreamStatus.sum(SCRAPE, StreamStatus.FRAMES), "a longer name is another metric");
        assertEquals(90.0, StreamStatus.sum(SCRAPE, StreamStatus.FACES));
        assertEquals(12.0, StreamStatus.max(SCRAPE, StreamStatus.LAG), "NaN series are left out");
        assertNull(StreamStatus.max("", StreamStatus.LAG));
        assertEquals(java.util.Map.of("door", 5.0, "hall", 2.0), StreamStatus.byCamera(SCRAPE,
                StreamStatus.CAMERA_FRAMES));
        assertEquals(1_764_600_000_000L, StreamStatus.byCamera(SCRAPE, StreamStatus.CAMERA_LAST_CAPTURE).get("door")
                .longValue());
    }
}
