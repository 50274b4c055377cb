package io.faceflow.index;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for identifiers. They end up in file names (crop store) and in Milvus filter expressions,
 * so they are restricted to a safe alphabet instead of being escaped in three different ways.
 */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private Ids() {}

    /** Checks an identity, template or sighting id; returns it. */
    public static String requireId(String kind, String value) {
        if (value == null || !ID.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(kind + " '" + value + "' is not valid: use 1 to 128 characters from"
                    + " A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        return value;
    }

    /** Checks a metadata key (used as a field name in both backends). */
    public static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("metadata key '" + key + "' is not valid: use a letter then up to 63"
                    + " letters, digits or _");
        }
        return key;
    }

    /** Checks every key of a metadata map and that values are present; returns an immutable copy. */
    public static Map<String, String> requireMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        metadata.forEach((k, v) -> {
            requireKey(k);
            if (v == null) {
                throw new IllegalArgumentException("metadata '" + k + "' has no value");
            }
        });
        return Map.copyOf(metadata);
    }
}
