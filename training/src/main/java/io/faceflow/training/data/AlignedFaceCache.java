package io.faceflow.training.data;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.core.image.InvalidImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns image files into aligned 112x112 faces once: results go to {@code cacheDir} as PNG crops
 * (or a {@code .reject} note with the reason), keyed by the file's absolute path, size, modification
 * time and the crop mode. Detection costs far more than reading a small PNG, and training reads
 * every image every epoch, so the second epoch and every later run skip the detector.
 *
 * <p>The detector is created on first need only: a cache that is already complete, or
 * {@link CropMode#ALIGNED}, never loads YuNet.
 */
public final class AlignedFaceCache implements AutoCloseable {
    private final Path cacheDir;
    private final CropMode mode;
    private final Supplier<FaceDetector> detectorFactory;
    private final boolean pickCentral;
    private final ImageDecoder decoder = new ImageDecoder();
    private FaceDetector detector;

    /** For training: an image with several faces is rejected. */
    public AlignedFaceCache(Path cacheDir, CropMode mode, Supplier<FaceDetector> detectorFactory) {
        this(cacheDir, mode, detectorFactory, false);
    }

    /**
     * @param cacheDir null for no cache (everything is recomputed)
     * @param pickCentral with several faces, take the one nearest the image centre instead of rejecting
     *     (evaluation sets such as LFW are centred on the subject and must not lose pairs)
     */
    public AlignedFaceCache(Path cacheDir, CropMode mode, Supplier<FaceDetector> detectorFactory, boolean pickCentral) {
        this.cacheDir = cacheDir;
        this.mode = mode;
        this.detectorFactory = detectorFactory;
        this.pickCentral = pickCentral;
    }

    public CropMode mode() {
        return mode;
    }

    public PreparedFace prepare(Path file) {
        String key = cacheDir == null ? null : key(file);
        if (key != null) {
            PreparedFace cached = readCached(file, key);
            if (cached != null) {
                return cached;
            }
        }
        PreparedFace result = compute(file);
        if (key != null) {
            writeCached(key, result);
        }
        return result;
    }

    private PreparedFace compute(Path file) {
        BgrImage image;
        try {
            image = decoder.decode(Files.readAllBytes(file));
        } catch (InvalidImageException e) {
            return PreparedFace.rejected(file, "unreadable image: " + e.getMessage());
        } catch (IOException e) {
            return PreparedFace.rejected(file, "unreadable file: " + e.getMessage());
        }
        if (!mode.detects()) {
            return PreparedFace.accepted(file, FaceAligner.asAligned(image));
        }
        List<DetectedFace> faces = detector().detect(image);
        if (faces.size() == 1) {
            return PreparedFace.accepted(file, FaceAligner.align(image, faces.get(0)));
        }
        if (faces.size() > 1 && pickCentral) {
            return PreparedFace.accepted(file, FaceAligner.align(image, central(faces, image)));
        }
        if (faces.isEmpty() && mode == CropMode.DETECT_OR_RESIZE) {
            return PreparedFace.accepted(file, FaceAligner.asAligned(image));
        }
        return PreparedFace.rejected(file, faces.isEmpty() ? "no face found"
                : faces.size() + " faces found (need exactly one per training image)");
    }

    private static DetectedFace central(List<DetectedFace> faces, BgrImage image) {
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        DetectedFace best = faces.get(0);
        double bestD = Double.MAX_VALUE;
        for (DetectedFace f : faces) {
            double dx = f.box().x() + f.box().width() / 2.0 - cx;
            double dy = f.box().y() + f.box().height() / 2.0 - cy;
            if (dx * dx + dy * dy < bestD) {
                bestD = dx * dx + dy * dy;
                best = f;
            }
        }
        return best;
    }

    /** Releases the detector, if one was loaded. */
    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
        }
        detector = null;
    }

    private synchronized FaceDetector detector() {
        if (detector == null) {
            detector = detectorFactory.get();
        }
        return detector;
    }

    private PreparedFace readCached(Path file, String key) {
        try {
            Path png = cacheDir.resolve(key + ".png");
            if (Files.isRegularFile(png)) {
                return PreparedFace.accepted(file, decoder.decode(Files.readAllBytes(png)));
            }
            Path reject = cacheDir.resolve(key + ".reject");
            if (Files.isRegularFile(reject)) {
                return PreparedFace.rejected(file, Files.readString(reject).trim());
            }
        } catch (IOException | InvalidImageException e) {
            // A damaged cache entry is recomputed, never trusted.
        }
        return null;
    }

    private void writeCached(String key, PreparedFace result) {
        try {
            Files.createDirectories(cacheDir);
            String name = key + (result.ok() ? ".png" : ".reject");
            byte[] bytes = result.ok() ? ImageEncoder.png(result.face())
                    : result.rejection().getBytes(StandardCharsets.UTF_8);
            // Written aside then moved, so a killed run never leaves a half-written crop.
            Path tmp = Files.createTempFile(cacheDir, key, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, cacheDir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the face cache " + cacheDir + ": " + e.getMessage()
                    + " (choose another --cache folder)", e);
        }
    }

    private String key(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            String id = file.toAbsolutePath().normalize() + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis()
                    + "|" + mode.cliName() + "|" + FaceAligner.SIZE + (pickCentral ? "|central" : "");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (IOException e) {
            return null; // unreadable: compute() reports it
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
