package io.faceflow.index.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.faceflow.index.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Conversions between faceflow values and Milvus row values, and filter expression quoting. */
final class MilvusRows {
    private MilvusRows() {}

    static JsonArray vector(float[] v) {
        JsonArray a = new JsonArray(v.length);
        for (float x : v) {
            a.add(x);
        }
        return a;
    }

    static JsonObject metadata(Map<String, String> metadata) {
        JsonObject o = new JsonObject();
        new TreeMap<>(metadata).forEach(o::addProperty);
        return o;
    }

    /** The SDK hands JSON fields back as Gson elements or as strings depending on the call. */
    static Map<String, String> readMetadata(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof JsonElement e) {
            return Json.readStringMap(e.toString());
        }
        return Json.readStringMap(value.toString());
    }

    /** A string literal for a filter expression. Ids are checked by {@code Ids}; values may hold anything. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    static String inList(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(values.get(i)));
        }
        return b.append(']').toString();
    }
}
