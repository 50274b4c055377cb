package io.faceflow.index.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (version 1.0, little-endian, C order) for the two shapes the benchmark
 * exchanges with Python: float32 matrices and int32 vectors. numpy.load reads what this writes.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern HEADER = Pattern.compile(
            "'descr':\\s*'([<|]?[a-z]\\d)',\\s*'fortran_order':\\s*(True|False),\\s*'shape':\\s*\\(([^)]*)\\)");

    private Npy() {}

    static void writeMatrix(Path file, float[][] rows) throws IOException {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeHeader(out, "<f4", "(" + rows.length + ", " + cols + ")");
            ByteBuffer row = ByteBuffer.allocate(cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : rows) {
                if (r.length != cols) {
                    throw new IllegalArgumentException("ragged matrix for " + file + ": rows of " + cols + " and " + r.length);
                }
                row.clear();
                row.asFloatBuffer().put(r);
                out.write(row.array());
            }
        }
    }

    static void writeInts(Path file, int[] values) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeHeader(out, "<i4", "(" + values.length + ",)");
            ByteBuffer all = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            all.asIntBuffer().put(values);
            out.write(all.array());
        }
    }

    static float[][] readMatrix(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int[] shape = readHeader(in, file, "<f4");
            if (shape.length != 2) {
                throw new IOException(file + " holds a " + shape.length + "-d array; a float32 matrix was expected");
            }
            float[][] rows = new float[shape[0]][shape[1]];
            byte[] bytes = new byte[shape[1] * Float.BYTES];
            for (float[] r : rows) {
                in.readFully(bytes);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(r);
            }
            return rows;
        }
    }

    static int[] readInts(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int[] shape = readHeader(in, file, "<i4");
            if (shape.length != 1) {
                throw new IOException(file + " holds a " + shape.length + "-d array; an int32 vector was expected");
            }
            byte[] bytes = new byte[shape[0] * Integer.BYTES];
            in.readFully(bytes);
            int[] values = new int[shape[0]];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
            return values;
        }
    }

    private static void writeHeader(OutputStream out, String descr, String shape) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }");
        // The data starts on a 64-byte boundary; the header ends with a newline.
        while ((MAGIC.length + 2 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        out.write(MAGIC);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static int[] readHeader(InputStream in, Path file, String descr) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (magic.length != MAGIC.length || magic[0] != MAGIC[0] || magic[1] != 'N' || magic[6] != 1) {
            throw new IOException(file + " is not a version 1 .npy file");
        }
        int length = (in.read() & 0xff) | (in.read() & 0xff) << 8;
        String header = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(header);
        if (!m.find() || !m.group(1).replace('|', '<').equals(descr) || m.group(2).equals("True")) {
            throw new IOException(file + " has header " + header.trim() + "; expected " + descr + " in C order");
        }
        return Pattern.compile(",").splitAsStream(m.group(3)).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }
}
