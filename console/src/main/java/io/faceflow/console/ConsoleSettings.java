package io.faceflow.console;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Properties;

/**
 * How the console is served. Without a password it is open, so it binds only to the loopback
 * address; any other address needs a configured password, and starting without one is refused.
 * A password on the loopback address turns the login on there too.
 *
 * @param host the address to bind (127.0.0.1 by default)
 * @param port 0 picks a free port
 * @param password the admin password's hash; null for no login (loopback only)
 * @param kafka client properties for the alert feed and model announcements (bootstrap.servers at least)
 * @param metrics the stream processors' /metrics addresses the status line reads; may be empty
 * @param maxUploadBytes largest photo accepted, per file
 */
public record ConsoleSettings(String host, int port, PasswordHash password, Properties kafka, List<URI> metrics,
        long maxUploadBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 8L * 1024 * 1024;
    /** Photos per enrolment: a person needs a few good ones, not an album. */
    public static final int MAX_PHOTOS = 10;

    public ConsoleSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console port " + port + " is not in 0..65535");
        }
        if (password == null && !isLoopback(host)) {
            throw new IllegalArgumentException("the console would serve biometric data on " + host
                    + " without a login: configure an admin password hash (--password-hash, or"
                    + " FACEFLOW_CONSOLE_PASSWORD_HASH; make one with `faceflow hash-password`), or bind to "
                    + DEFAULT_HOST);
        }
        if (kafka.getProperty("bootstrap.servers") == null) {
            throw new IllegalArgumentException("the console needs Kafka's bootstrap.servers for the live alerts");
        }
        if (maxUploadBytes < 1024) {
            throw new IllegalArgumentException("an upload limit of " + maxUploadBytes + " bytes is too small for a photo");
        }
        kafka = (Properties) kafka.clone();
        metrics = List.copyOf(metrics);
    }

    /** Local defaults: 127.0.0.1:8080, no login, 8 MB photos, no metrics endpoints. */
    public static ConsoleSettings local(String bootstrap) {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrap);
        return new ConsoleSettings(DEFAULT_HOST, DEFAULT_PORT, null, kafka, List.of(), DEFAULT_MAX_UPLOAD_BYTES);
    }

    public boolean loginRequired() {
        return password != null;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the console address " + host + ": " + e.getMessage(), e);
        }
    }
}
