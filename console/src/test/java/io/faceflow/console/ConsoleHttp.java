package io.faceflow.console;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client of the console that can do what a browser would refuse to: forge origins, skip tokens. */
final class ConsoleHttp {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String cookie;
    String csrfToken;

    ConsoleHttp(URI base) {
        this.base = base;
    }

    String origin() {
        return base.getScheme() + "://" + base.getAuthority();
    }

    HttpResponse<String> signIn(String password) throws Exception {
        HttpResponse<String> r = send(request("/api/login").header("Origin", origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=" + URLEncoder.encode(password,
                        StandardCharsets.UTF_8))));
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        var token = java.util.regex.Pattern.compile("\"csrfToken\":\"([^\"]+)\"").matcher(r.body());
        csrfToken = token.find() ? token.group(1) : null;
        return r;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** A change as the console's own page makes it: same origin, session cookie, CSRF token. */
    HttpRequest.Builder change(String path) {
        return request(path).header("Origin", origin()).header("X-CSRF-Token", csrfToken);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart/form-data body: plain fields, then files (field, file name, bytes). */
    static final class Multipart {
        private final String boundary = "faceflow-" + UUID.randomUUID();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final Map<String, String> fields = new LinkedHashMap<>();

        Multipart field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Multipart file(String field, String fileName, String type, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            body.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        HttpRequest.Builder post(HttpRequest.Builder request) {
            fields.forEach((name, value) -> write("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\n\r\n" + value + "\r\n"));
            write("--" + boundary + "--\r\n");
            return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
