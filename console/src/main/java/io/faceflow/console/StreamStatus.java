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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream processors' throughput for the status line, read from their Prometheus endpoints
 * (what {@code faceflow streams} serves on its metrics port): frames/s and faces/s from the
 * counters' growth since the previous read, and the largest consumer lag. The counters are per
 * processor, not per camera; per-camera figures come from the alerts ({@link AlertFeed}).
 */
final class StreamStatus {
    static final String FRAMES = "faceflow_stream_frames_total";
    static final String FACES = "faceflow_stream_faces_total";
    static final String LAG = "kafka_consumer_fetch_manager_records_lag_max";

    /**
     * One processor's figures; rates are null until two reads exist.
     *
     * @param error why the endpoint could not be read; null when it was
     */
    record Processor(String endpoint, Double framesPerSecond, Double facesPerSecond, Double lag, double frames,
            String error) {}

    private record Sample(long atNanos, double frames, double faces) {}

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
        Sample now = new Sample(System.nanoTime(), sum(text, FRAMES), sum(text, FACES));
        Sample before = last.put(endpoint, now);
        Double lag = max(text, LAG);
        if (before == null || now.atNanos() == before.atNanos()) {
            return new Processor(endpoint.toString(), null, null, lag, now.frames(), null);
        }
        double seconds = (now.atNanos() - before.atNanos()) / 1e9;
        return new Processor(endpoint.toString(), (now.frames() - before.frames()) / seconds,
                (now.faces() - before.faces()) / seconds, lag, now.frames(), null);
    }

    private static Processor failed(URI endpoint, String why) {
        return new Processor(endpoint.toString(), null, null, null, 0, "cannot read " + endpoint + ": " + why);
    }

    /** Sum of every series of {@code metric} (one per tag set). */
    static double sum(String prometheusText, String metric) {
        return values(prometheusText, metric).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Largest finite value of any series of {@code metric}; null when there is none. */
    static Double max(String prometheusText, String metric) {
        return values(prometheusText, metric).stream().filter(Double::isFinite).max(Double::compare).orElse(null);
    }

    private static List<Double> values(String text, String metric) {
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(metric) && (line.length() > metric.length())
                    && (line.charAt(metric.length()) == ' ' || line.charAt(metric.length()) == '{')) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                try {
                    values.add(Double.parseDouble(value));
                } catch (NumberFormatException ignored) {
                    // A malformed line is left out; the others still count.
                }
            }
        }
        return values;
    }
}
