package io.faceflow.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream processors' throughput for the status line, read from their Prometheus endpoints
 * (what {@code faceflow streams} serves on its metrics port): frames/s and faces/s from the
 * counters' growth since the previous read, in all and per camera, each camera's latest frame
 * time, and the largest consumer lag.
 */
final class StreamStatus {
    static final String FRAMES = "faceflow_stream_frames_total";
    static final String FACES = "faceflow_stream_faces_total";
    static final String CAMERA_FRAMES = "faceflow_stream_camera_frames_total";
    static final String CAMERA_FACES = "faceflow_stream_camera_faces_total";
    static final String CAMERA_LAST_CAPTURE = "faceflow_stream_camera_last_capture_ms";
    static final String LAG = "kafka_consumer_fetch_manager_records_lag_max";
    private static final Pattern CAMERA_LABEL = Pattern.compile("camera=\"([^\"]*)\"");

    /** One camera's figures; rates are null until two reads exist. */
    record Camera(String cameraId, Double framesPerSecond, Double facesPerSecond, long lastFrameMs) {}

    /**
     * One processor's figures; rates are null until two reads exist.
     *
     * @param error why the endpoint could not be read; null when it was
     */
    record Processor(String endpoint, Double framesPerSecond, Double facesPerSecond, Double lag, double frames,
            List<Camera> cameras, String error) {}

    /** Counter values at one read: in all, and per camera. */
    private record Sample(long atNanos, double frames, double faces, Map<String, Double> cameraFrames,
            Map<String, Double> cameraFaces) {}

    private final List<URI> endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<URI, Sample> last = new ConcurrentHashMap<>();

    StreamStatus(List<URI> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    List<Processor> read() {
        List<Processor> out = new ArrayList<>();
        for (URI endpoint : endpoints) {
            out.add(read(endpoint));
        }
        return out;
    }

    private Processor read(URI endpoint) {
        String text;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return failed(endpoint, "HTTP " + r.statusCode());
            }
            text = r.body();
        } catch (IOException e) {
            return failed(endpoint, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(endpoint, "interrupted");
        }
        Sample now = new Sample(System.nanoTime(), sum(text, FRAMES), sum(text, FACES), byCamera(text, CAMERA_FRAMES),
                byCamera(text, CAMERA_FACES));
        Sample before = last.put(endpoint, now);
        double seconds = before == null ? 0 : (now.atNanos() - before.atNanos()) / 1e9;
        List<Camera> cameras = new ArrayList<>();
        byCamera(text, CAMERA_LAST_CAPTURE).forEach((camera, lastMs) -> cameras.add(new Camera(camera,
                rate(now.cameraFrames().get(camera), before == null ? null : before.cameraFrames().get(camera), seconds),
                rate(now.cameraFaces().get(camera), before == null ? null : before.cameraFaces().get(camera), seconds),
                lastMs.longValue())));
        return new Processor(endpoint.toString(), rate(now.frames(), before == null ? null : before.frames(), seconds),
                rate(now.faces(), before == null ? null : before.faces(), seconds), max(text, LAG), now.frames(),
                cameras, null);
    }

    /** Growth per second; null without an earlier read. A camera first seen since then started from zero. */
    private static Double rate(Double now, Double before, double seconds) {
        if (now == null || seconds <= 0) {
            return null;
        }
        return (now - (before == null ? 0 : before)) / seconds;
    }

    private static Processor failed(URI endpoint, String why) {
        return new Processor(endpoint.toString(), null, null, null, 0, List.of(),
                "cannot read " + endpoint + ": " + why);
    }

    /** Sum of every series of {@code metric} (one per tag set). */
    static double sum(String prometheusText, String metric) {
        return series(prometheusText, metric).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Largest finite value of any series of {@code metric}; null when there is none. */
    static Double max(String prometheusText, String metric) {
        return series(prometheusText, metric).values().stream().filter(Double::isFinite).max(Double::compare)
                .orElse(null);
    }

    /** The series of {@code metric} by their {@code camera} label, sorted by camera. */
    static Map<String, Double> byCamera(String prometheusText, String metric) {
        Map<String, Double> out = new TreeMap<>();
        series(prometheusText, metric).forEach((labels, value) -> {
            Matcher m = CAMERA_LABEL.matcher(labels);
            if (m.find()) {
                out.merge(m.group(1), value, Double::sum);
            }
        });
        return out;
    }

    /** Every series of {@code metric}: its label set (empty when none) to its value. */
    private static Map<String, Double> series(String text, String metric) {
        Map<String, Double> values = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != ' ' && next != '{') {
                continue; // a longer name: another metric
            }
            int end = line.lastIndexOf(' ');
            try {
                values.put(line.substring(metric.length(), end).trim(), Double.parseDouble(line.substring(end + 1)));
            } catch (NumberFormatException ignored) {
                // A malformed line is left out; the others still count.
            }
        }
        return values;
    }
}
