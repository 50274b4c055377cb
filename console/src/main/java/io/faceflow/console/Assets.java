package io.faceflow.console;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's pages, styles and scripts, shipped in the jar under {@code /console/} and read
 * once: plain files, nothing fetched from elsewhere, so the console works offline. Only the files
 * named here are served.
 */
final class Assets {
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "login.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "login.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    Assets() {
        Map<String, byte[]> loaded = new HashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = Assets.class.getResourceAsStream("/console/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the console file /console/" + name + " is missing from the jar");
                }
                loaded.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the console file " + name, e);
            }
        }
        files = Map.copyOf(loaded);
    }

    void serve(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) {
            throw new NotFoundResponse("no such file");
        }
        ctx.contentType(TYPES.get(name)).result(body);
    }
}
