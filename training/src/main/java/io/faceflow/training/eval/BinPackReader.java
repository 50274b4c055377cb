package io.faceflow.training.eval;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the verification .bin packs (lfw.bin, agedb_30.bin, cfp_fp.bin, ...): a Python pickle of
 * (bins, issame_list).
 *
 * <p>Seen in the wild: bins as Python 2 str (protocol 2), Python 3 bytes, or numpy uint8 arrays
 * (numpy pickles them with {@code _reconstruct} + state, or with {@code _frombuffer} from protocol
 * 5); issame_list as a list of bools or a numpy bool array. All are handled here without Python.
 */
public final class BinPackReader {
    static {
        IObjectConstructor reconstruct = args -> new NumpyArray();
        IObjectConstructor frombuffer = args -> NumpyArray.fromBuffer(args);
        IObjectConstructor dtype = args -> new NumpyDtype(String.valueOf(args[0]));
        for (String core : new String[] {"numpy.core", "numpy._core"}) {
            Unpickler.registerConstructor(core + ".multiarray", "_reconstruct", reconstruct);
            Unpickler.registerConstructor(core + ".numeric", "_frombuffer", frombuffer);
        }
        Unpickler.registerConstructor("numpy", "dtype", dtype);
    }

    private BinPackReader() {}

    public static VerificationPack read(Path bin) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bin), 1 << 20)) {
            return read(in, bin.toString());
        }
    }

    public static VerificationPack read(InputStream in, String source) throws IOException {
        Object root;
        try {
            Unpickler unpickler = new Unpickler();
            root = unpickler.load(in);
            unpickler.close();
        } catch (PickleException e) {
            throw new IOException(source + " is not a readable .bin pack (pickle of (bins, issame_list)): " + e.getMessage(), e);
        }
        Object[] pair = root instanceof Object[] a ? a : root instanceof List<?> l ? l.toArray() : null;
        if (pair == null || pair.length != 2) {
            throw new IOException(source + ": expected a pickled pair (bins, issame_list), got "
                    + (root == null ? "None" : root.getClass().getSimpleName()));
        }
        List<byte[]> images = new ArrayList<>();
        for (Object item : sequence(pair[0], source + " bins")) {
            images.add(bytesOf(item, source));
        }
        boolean[] issame = booleans(pair[1], source);
        try {
            return new VerificationPack(images, issame);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<?> sequence(Object o, String what) throws IOException {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o instanceof Object[] a) {
            return List.of(a);
        }
        throw new IOException(what + ": expected a list, got " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    private static byte[] bytesOf(Object item, String source) throws IOException {
        if (item instanceof byte[] b) {
            return b;
        }
        if (item instanceof String s) {
            // A Python 2 str: razorvine maps each byte to one char, ISO-8859-1 maps it back.
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (item instanceof NumpyArray a) {
            if (a.itemSize() != 1) {
                throw new IOException(source + ": image array has dtype " + a.dtype() + ", expected uint8");
            }
            return a.data();
        }
        throw new IOException(source + ": an image entry is " + (item == null ? "None" : item.getClass().getSimpleName())
                + ", expected bytes or a numpy uint8 array");
    }

    private static boolean[] booleans(Object o, String source) throws IOException {
        if (o instanceof NumpyArray a) {
            byte[] d = a.data();
            if (a.itemSize() != 1) {
                throw new IOException(source + ": issame_list has dtype " + a.dtype() + ", expected bool");
            }
            boolean[] out = new boolean[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i] != 0;
            }
            return out;
        }
        List<?> list = sequence(o, source + " issame_list");
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (v instanceof Boolean b) {
                out[i] = b;
            } else if (v instanceof Number n) {
                out[i] = n.longValue() != 0;
            } else {
                throw new IOException(source + ": issame_list[" + i + "] is " + v + ", expected a bool");
            }
        }
        return out;
    }

    /** The part of a numpy dtype needed here; filled by pickle's BUILD through __setstate__. */
    public static final class NumpyDtype {
        private final String code;

        NumpyDtype(String code) {
            this.code = code;
        }

        /** Item size in bytes from the type code (u1, b1, i1 -> 1; f4 -> 4; ...). */
        int itemSize() {
            String digits = code.replaceAll("[^0-9]", "");
            return digits.isEmpty() ? 1 : Integer.parseInt(digits);
        }

        @Override
        public String toString() {
            return code;
        }

        public void __setstate__(Object[] state) {
            // (version, byte order, subarray, names, fields, elsize, alignment, flags): nothing needed.
        }
    }

    /** A numpy array as far as a .bin pack needs it: dtype and raw bytes. */
    public static final class NumpyArray {
        private NumpyDtype dtype;
        private byte[] data = new byte[0];

        static NumpyArray fromBuffer(Object[] args) {
            NumpyArray a = new NumpyArray();
            a.data = rawBytes(args[0]);
            a.dtype = (NumpyDtype) args[1];
            return a;
        }

        public void __setstate__(Object[] state) {
            // (version, shape, dtype, is_fortran, raw data)
            if (state.length < 5) {
                throw new PickleException("unexpected numpy array state of " + state.length + " fields");
            }
            dtype = (NumpyDtype) state[2];
            data = rawBytes(state[4]);
        }

        private static byte[] rawBytes(Object o) {
            if (o instanceof byte[] b) {
                return b;
            }
            if (o instanceof String s) {
                return s.getBytes(StandardCharsets.ISO_8859_1);
            }
            throw new PickleException("numpy array data is " + (o == null ? "None" : o.getClass().getName())
                    + ", expected bytes (object arrays are not supported)");
        }

        byte[] data() {
            return data;
        }

        int itemSize() {
            return dtype == null ? 1 : dtype.itemSize();
        }

        String dtype() {
            return String.valueOf(dtype);
        }
    }
}
