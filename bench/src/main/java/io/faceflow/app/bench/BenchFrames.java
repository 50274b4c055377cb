package io.faceflow.app.bench;

import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Camera-sized frames made from photos, so a benchmark can set how many faces each frame holds. */
public final class BenchFrames {
    private BenchFrames() {}

    /**
     * Up to {@code maxFrames} 1280x720 JPEG frames, each {@code perFrame} photos of {@code dir} (and
     * the folders under it, in name order) side by side.
     */
    public static List<byte[]> sideBySide(Path dir, int perFrame, int maxFrames) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        List<byte[]> out = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        List<BgrImage> cells = new ArrayList<>();
        for (Path file : files) {
            if (out.size() >= maxFrames) {
                break;
            }
            cells.add(decoder.decode(Files.readAllBytes(file)));
            if (cells.size() == perFrame) {
                out.add(ImageEncoder.jpeg(canvas(cells), 85));
                cells.clear();
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds fewer than " + perFrame + " image(s)");
        }
        return out;
    }

    /** A black 1280x720 JPEG frame: nobody before the camera. */
    public static byte[] empty() {
        return ImageEncoder.jpeg(new BgrImage(1280, 720, new byte[1280 * 720 * 3]), 85);
    }

    /** The photos, each scaled to fit its share of a 1280x720 canvas and centred in it on black. */
    private static BgrImage canvas(List<BgrImage> photos) {
        int cellWidth = 1280 / photos.size();
        byte[] canvas = new byte[1280 * 720 * 3];
        for (int i = 0; i < photos.size(); i++) {
            BgrImage photo = photos.get(i);
            double scale = Math.min((double) cellWidth / photo.width(), 720.0 / photo.height());
            BgrImage fitted = photo.resized((int) (photo.width() * scale), (int) (photo.height() * scale));
            int x0 = i * cellWidth + (cellWidth - fitted.width()) / 2;
            int y0 = (720 - fitted.height()) / 2;
            for (int y = 0; y < fitted.height(); y++) {
                System.arraycopy(fitted.pixels(), y * fitted.width() * 3, canvas, ((y0 + y) * 1280 + x0) * 3,
                        fitted.width() * 3);
            }
        }
        return new BgrImage(1280, 720, canvas);
    }
}
