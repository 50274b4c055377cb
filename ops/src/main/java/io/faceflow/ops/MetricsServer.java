package io.faceflow.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The operations endpoint of a faceflow service, on the JDK's built-in HTTP server: the registry in
 * Prometheus text format at /metrics, and the probes Kubernetes asks: /health/live (the process
 * answers) and /health/ready (the service does its job: 200, else 503). /health stays as an alias
 * of live for older probes.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    /** @param port 0 picks a free port */
    public MetricsServer(PrometheusMeterRegistry registry, int port) {
        this(registry, port, () -> true);
    }

    /**
     * @param port 0 picks a free port
     * @param ready whether the service is ready to do its work (e.g. a Kafka Streams app is RUNNING)
     */
    public MetricsServer(PrometheusMeterRegistry registry, int port, BooleanSupplier ready) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port
                    + " (in use?); pick another with --metrics-port or metricsPort, or -1 to turn it off", e);
        }
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health/live", exchange -> send(exchange, 200, "text/plain", "live\n"));
        server.createContext("/health/ready", exchange -> {
            boolean ok = ready.getAsBoolean();
            send(exchange, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
        server.createContext("/health", exchange -> send(exchange, 200, "text/plain", "ok\n"));
        server.start();
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
