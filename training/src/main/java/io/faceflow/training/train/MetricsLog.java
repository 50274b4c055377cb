package io.faceflow.training.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends one JSON object per line, flushed each time so a crash loses at most the current line. */
public final class MetricsLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** A log appending to {@code file} (a resumed run continues the same file), or one that drops everything. */
    public static MetricsLog open(Path file) throws IOException {
        if (file == null) {
            return new MetricsLog(null);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    public void write(Map<String, Object> record) throws IOException {
        if (out == null) {
            return;
        }
        out.write(JSON.writeValueAsString(record));
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
