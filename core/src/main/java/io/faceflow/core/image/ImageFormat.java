package io.faceflow.core.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The encoded formats faceflow accepts, recognised by their leading bytes. Each knows how to read
 * its dimensions from the header and whether the byte stream is complete, so that oversized or
 * truncated files are refused before any decoder touches them.
 */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    GIF("image/gif"),
    BMP("image/bmp"),
    PNM("image/x-portable-anymap");

    private final String contentType;

    ImageFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Width and height as the header states them. */
    public record Dimensions(int width, int height) {}

    /** The format these bytes start with. */
    public static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return PNG;
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return GIF;
        }
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            return BMP;
        }
        if (b.length >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && Character.isWhitespace(b[2])) {
            return PNM;
        }
        throw new InvalidImageException("not a JPEG, PNG, GIF, BMP or PGM/PPM image (first bytes: "
                + preview(b) + ")");
    }

    /** Reads the dimensions from the header alone. */
    public Dimensions dimensions(byte[] b) {
        return switch (this) {
            case JPEG -> jpegDimensions(b);
            case PNG -> {
                require(b.length >= 24, "PNG header");
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
                yield new Dimensions(buf.getInt(16), buf.getInt(20));
            }
            case GIF -> {
                require(b.length >= 10, "GIF header");
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                yield new Dimensions(buf.getShort(6) & 0xFFFF, buf.getShort(8) & 0xFFFF);
            }
            case BMP -> {
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                yield new Dimensions(buf.getInt(18), Math.abs(buf.getInt(22)));
            }
            case PNM -> pnmHeader(b).dimensions();
        };
    }

    /** Whether the stream ends where the format says it must, i.e. it was not cut short. */
    public boolean isComplete(byte[] b) {
        return switch (this) {
            // EOI marker; only padding may follow it.
            case JPEG -> lastIndexOf(b, new byte[] {(byte) 0xFF, (byte) 0xD9}, 64) >= 0;
            case PNG -> lastIndexOf(b, "IEND".getBytes(StandardCharsets.US_ASCII), 16) >= 0;
            case GIF -> lastIndexOf(b, new byte[] {0x3B}, 8) >= 0;
            case BMP -> b.length >= ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(2);
            case PNM -> pnmHeader(b).isComplete(b.length);
        };
    }

    private static Dimensions jpegDimensions(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new InvalidImageException("corrupt JPEG: expected a marker at byte " + i);
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return new Dimensions(width, height);
            }
            i += 2 + length;
        }
        throw new InvalidImageException("corrupt JPEG: no frame header found in " + b.length + " bytes");
    }

    private record PnmHeader(char kind, int width, int height, int maxValue, int dataOffset) {
        Dimensions dimensions() {
            return new Dimensions(width, height);
        }

        boolean isComplete(int length) {
            int samplesPerPixel = switch (kind) {
                case '5' -> 1;
                case '6' -> 3;
                default -> 0; // ASCII and bitmap variants: the decoder checks them
            };
            long bytes = (long) width * height * samplesPerPixel * (maxValue > 255 ? 2 : 1);
            return length - dataOffset >= bytes;
        }
    }

    private static PnmHeader pnmHeader(byte[] b) {
        int[] values = new int[3];
        int pos = 2;
        int needed = b[1] == '1' || b[1] == '4' ? 2 : 3;
        for (int v = 0; v < needed; v++) {
            while (pos < b.length && (Character.isWhitespace(b[pos]) || b[pos] == '#')) {
                if (b[pos] == '#') {
                    while (pos < b.length && b[pos] != '\n') {
                        pos++;
                    }
                } else {
                    pos++;
                }
            }
            long value = 0;
            int start = pos;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9' && value <= Integer.MAX_VALUE) {
                value = value * 10 + (b[pos++] - '0');
            }
            require(pos > start && value <= Integer.MAX_VALUE, "PGM/PPM header");
            values[v] = (int) value;
        }
        return new PnmHeader((char) b[1], values[0], values[1], needed == 3 ? values[2] : 1, pos + 1);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle, int window) {
        int from = Math.max(0, haystack.length - window);
        for (int i = haystack.length - needle.length; i >= from; i--) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new InvalidImageException("truncated or corrupt " + what);
        }
    }

    private static String preview(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return b.length == 0 ? "none, the input is empty" : sb.toString();
    }
}
