package io.faceflow.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the image files named on a command line, reporting unreadable ones instead of failing. */
public final class InputFiles {
    private InputFiles() {}

    /** Bytes per path in command-line order; a path that cannot be read maps to null. */
    public static Map<String, byte[]> read(List<Path> paths, Map<String, String> unreadable) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (Path path : paths) {
            try {
                bytes.put(path.toString(), Files.readAllBytes(path));
            } catch (IOException e) {
                unreadable.put(path.toString(), Files.exists(path) ? "cannot read file: " + e.getMessage()
                        : "no such file");
            }
        }
        return bytes;
    }
}
