package io.faceflow.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    /** A 64x48 test card: smooth gradients so lossy codecs stay close. */
    private static BgrImage card() {
        int w = 64, h = 48;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (x * 4);
                px[i + 1] = (byte) (y * 5);
                px[i + 2] = (byte) 128;
            }
        }
        return new BgrImage(w, h, px);
    }

    @Test
    void pngIsLossless() {
        BgrImage card = card();
        BgrImage back = decoder.decode(ImageEncoder.png(card));
        assertArrayEquals(card.pixels(), back.pixels());
    }

    @Test
    void jpegDecodesCloseToTheOriginal() {
        BgrImage card = card();
        BgrImage back = decoder.decode(ImageEncoder.jpeg(card, 95));
        assertEquals(64, back.width());
        assertEquals(48, back.height());
        assertTrue(meanAbsDiff(card, back) < 4, "JPEG too far from its source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gif", "bmp"})
    void otherContainersDecode(String format) throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        img.setRGB(10, 10, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        BgrImage back = decoder.decode(out.toByteArray());
        assertEquals(64, back.width());
        int i = (10 * 64 + 10) * 3;
        assertEquals(255, back.pixels()[i + 2] & 0xFF, "red channel of the marked pixel");
        assertEquals(0, back.pixels()[i] & 0xFF, "blue channel of the marked pixel");
    }

    @Test
    void greyscalePgmDecodesToBgr() {
        int w = 20, h = 18;
        byte[] header = ("P5\n# a comment\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[header.length + w * h];
        System.arraycopy(header, 0, data, 0, header.length);
        for (int i = 0; i < w * h; i++) {
            data[header.length + i] = (byte) i;
        }
        BgrImage image = decoder.decode(data);
        assertEquals(w, image.width());
        assertEquals(h, image.height());
        assertEquals(7, image.pixels()[7 * 3 + 1] & 0xFF);
    }

    @Test
    void rawFramesAreWrappedAfterASizeCheck() {
        BgrImage raw = decoder.fromRaw(new byte[32 * 32 * 3], 32, 32);
        assertEquals(32, raw.width());
        assertThrows(InvalidImageException.class, () -> decoder.fromRaw(new byte[10], 32, 32));
    }

    @Test
    void emptyInputIsRefused() {
        var e = assertThrows(InvalidImageException.class, () -> decoder.decode(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void truncatedJpegIsRefused() {
        byte[] jpeg = ImageEncoder.jpeg(card(), 90);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        var e = assertThrows(InvalidImageException.class, () -> decoder.decode(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void textIsRefused() {
        byte[] text = "name,score\nalice,0.9\n".getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(InvalidImageException.class, () -> decoder.decode(text));
        assertTrue(e.getMessage().contains("not a JPEG"), e.getMessage());
    }

    @Test
    void tinyImageIsRefused() {
        byte[] png = ImageEncoder.png(new BgrImage(1, 1, new byte[3]));
        var e = assertThrows(InvalidImageException.class, () -> decoder.decode(png));
        assertTrue(e.getMessage().contains("1x1"), e.getMessage());
    }

    /** A PNG header claiming 20000x20000 must be refused before anything is allocated. */
    @Test
    void hugeHeaderIsRefusedBeforeDecoding() {
        byte[] png = ImageEncoder.png(card());
        ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN).putInt(16, 20000).putInt(20, 20000);
        var e = assertThrows(InvalidImageException.class, () -> decoder.decode(png));
        assertTrue(e.getMessage().contains("20000x20000"), e.getMessage());
    }

    @Test
    void hugeJpegHeaderIsRefused() {
        byte[] jpeg = ImageEncoder.jpeg(card(), 90);
        // Patch the frame header (SOFn) dimensions.
        for (int i = 2; i < jpeg.length - 9; ) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC2) {
                ByteBuffer.wrap(jpeg).putShort(i + 5, (short) 20000).putShort(i + 7, (short) 20000);
                break;
            }
            i += 2 + length;
        }
        var e = assertThrows(InvalidImageException.class, () -> decoder.decode(jpeg));
        assertTrue(e.getMessage().contains("20000x20000"), e.getMessage());
    }

    @Test
    void corruptBodyIsRefusedCleanly() {
        byte[] png = ImageEncoder.png(card());
        for (int i = 40; i < png.length - 20; i++) {
            png[i] = (byte) 0x5A;
        }
        assertThrows(InvalidImageException.class, () -> decoder.decode(png));
    }

    private static double meanAbsDiff(BgrImage a, BgrImage b) {
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
        }
        return (double) sum / a.pixels().length;
    }
}
