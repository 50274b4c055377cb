package io.faceflow.index.milvus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Milvus token ("user:password" or an API key) comes from: {@value #ENV}, or the file
 * named by {@value #FILE_ENV} (a mounted Kubernetes or Docker secret). Never the command line or
 * the URI, so it is in no process list and no log line.
 */
public final class MilvusToken {
    public static final String ENV = "MILVUS_TOKEN";
    public static final String FILE_ENV = "MILVUS_TOKEN_FILE";

    private MilvusToken() {}

    /** The token from these environment variables, or empty when neither is set. */
    public static Optional<String> resolve(Map<String, String> env) {
        String inline = blankToNull(env.get(ENV));
        String file = blankToNull(env.get(FILE_ENV));
        if (inline != null && file != null) {
            throw new IllegalArgumentException("both " + ENV + " and " + FILE_ENV + " are set: set only one");
        }
        if (file == null) {
            return Optional.ofNullable(inline);
        }
        String token;
        try {
            token = Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_ENV + "=" + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "): point it at a file holding the Milvus token", e);
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException(FILE_ENV + "=" + file + " is empty: it must hold the Milvus token"
                    + " ('user:password' or an API key)");
        }
        return Optional.of(token);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
