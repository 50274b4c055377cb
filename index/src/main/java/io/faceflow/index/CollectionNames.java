package io.faceflow.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a model version (any text) into a name safe for folders and Milvus collections
 * ([A-Za-z0-9_]). A hash of the exact version is appended so that versions differing only in
 * punctuation ("1.0" and "1_0") never share a collection.
 */
public final class CollectionNames {
    private CollectionNames() {}

    public static String slug(String modelVersion) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("model version is empty");
        }
        String safe = modelVersion.replaceAll("[^A-Za-z0-9]", "_");
        if (safe.length() > 48) {
            safe = safe.substring(0, 48);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(modelVersion.getBytes(StandardCharsets.UTF_8));
            return safe + "_" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
