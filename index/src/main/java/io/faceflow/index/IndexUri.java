package io.faceflow.index;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the index lives: {@code file:PATH} (embedded, on local disk) or {@code milvus://host:port}
 * (a Milvus server; the token comes from the environment, MILVUS_TOKEN or MILVUS_TOKEN_FILE, never the URI).
 */
public sealed interface IndexUri {
    record Embedded(Path directory) implements IndexUri {}

    record Milvus(String host, int port) implements IndexUri {
        /** The address the Milvus SDK wants. */
        public String endpoint() {
            return "http://" + host + ":" + port;
        }
    }

    static IndexUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("index URI is empty: use file:PATH or milvus://host:port");
        }
        if (text.startsWith("file:")) {
            String path = text.substring("file:".length());
            if (path.startsWith("//")) {
                path = URI.create(text).getPath();
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("index URI '" + text + "' has no path: use file:PATH");
            }
            return new Embedded(Path.of(path));
        }
        if (text.startsWith("milvus://")) {
            URI uri = URI.create(text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("index URI '" + text + "' has no host: use milvus://host:port");
            }
            return new Milvus(uri.getHost(), uri.getPort() < 0 ? 19530 : uri.getPort());
        }
        throw new IllegalArgumentException("index URI '" + text + "' is not supported: use file:PATH or"
                + " milvus://host:port");
    }
}
