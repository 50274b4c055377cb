package io.faceflow.training.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser of LFW's pairs files.
 *
 * <p>Header: either "folds pairsPerClass" (pairs.txt: "10 300", then per fold 300 same then 300
 * different pairs) or a single count (pairsDevTrain.txt "1100": that many same then that many
 * different, one fold). Lines: "name n1 n2" is a same pair, "name1 n1 name2 n2" a different one;
 * fields separated by tabs or spaces.
 */
public final class LfwPairs {
    private LfwPairs() {}

    public static List<LfwPair> parse(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        }
    }

    public static List<LfwPair> parse(String text) throws IOException {
        return parse(new StringReader(text), "pairs text");
    }

    public static List<LfwPair> parse(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String header = in.readLine();
        int lineNo = 1;
        while (header != null && header.isBlank()) {
            header = in.readLine();
            lineNo++;
        }
        if (header == null) {
            throw new IOException(source + " is empty: expected a header like '10\t300'");
        }
        String[] h = header.trim().split("\\s+");
        int folds;
        int perClass;
        try {
            if (h.length == 2) {
                folds = Integer.parseInt(h[0]);
                perClass = Integer.parseInt(h[1]);
            } else if (h.length == 1) {
                folds = 1;
                perClass = Integer.parseInt(h[0]);
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IOException(source + " line " + lineNo + ": header must be 'folds pairsPerClass' or 'count', got '"
                    + header + "'");
        }
        List<LfwPair> pairs = new ArrayList<>(2 * folds * perClass);
        int expected = 2 * folds * perClass;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int fold = pairs.size() / (2 * perClass);
            try {
                if (f.length == 3) {
                    pairs.add(new LfwPair(f[0], Integer.parseInt(f[1]), f[0], Integer.parseInt(f[2]), true, fold));
                } else if (f.length == 4) {
                    pairs.add(new LfwPair(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), false, fold));
                } else {
                    throw new IOException(source + " line " + lineNo
                            + ": expected 'name n1 n2' (same) or 'name1 n1 name2 n2' (different), got '" + line + "'");
                }
            } catch (NumberFormatException e) {
                throw new IOException(source + " line " + lineNo + ": image numbers must be integers, got '" + line + "'", e);
            }
        }
        if (pairs.size() != expected) {
            throw new IOException(source + ": header promises " + expected + " pairs (" + folds + " folds x 2 x "
                    + perClass + "), found " + pairs.size());
        }
        return pairs;
    }
}
