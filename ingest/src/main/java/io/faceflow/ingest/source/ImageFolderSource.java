package io.faceflow.ingest.source;

import io.faceflow.contract.topic.FrameHeaders;
import io.faceflow.ingest.config.CameraConfig;
import io.faceflow.ingest.encode.EncodedImage;
import io.faceflow.ingest.encode.JpegEncoder;
import io.faceflow.ingest.encode.ResizeCap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A folder of photos played as a camera, one image per frame at the camera's fps, in name order.
 * It stands in for a camera in demos, tests and benchmarks. A JPEG photo within the camera's size
 * cap is sent as its file holds it, never decoded: decoding and re-encoding every frame would cost
 * as much CPU as the processor's detection on a small machine, for no better image. Other photos
 * are decoded and encoded as a camera's frames are.
 */
final class ImageFolderSource implements FrameSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp");

    private final CameraConfig camera;
    private final ResizeCap cap;
    private final List<Path> images;
    private final double fps;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private int next;
    private Mat current;
    private EncodedImage sendable;
    private int width;
    private int height;

    private ImageFolderSource(CameraConfig camera, List<Path> images, double fps) {
        this.camera = camera;
        this.cap = new ResizeCap(camera.maxWidth(), camera.maxHeight());
        this.images = images;
        this.fps = fps;
    }

    static ImageFolderSource open(CameraConfig camera, Path folder) throws SourceException {
        List<Path> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(ImageFolderSource::isImage).sorted().toList();
        } catch (IOException e) {
            throw new SourceException(camera, "cannot list the folder " + folder + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new SourceException(camera, "the folder " + folder + " holds no image (" + EXTENSIONS + ")");
        }
        // A folder has no clock of its own: "all frames" plays it at one image a second.
        ImageFolderSource source = new ImageFolderSource(camera, images, camera.fps() > 0 ? camera.fps() : 1);
        Mat first = read(camera, images.get(0));
        source.width = first.cols();
        source.height = first.rows();
        first.close();
        return source;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static Mat read(CameraConfig camera, Path file) throws SourceException {
        Mat image = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR);
        if (image == null || image.empty()) {
            throw new SourceException(camera, "cannot decode the image " + file + " (not an image, or changed while playing)");
        }
        return image;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public Frame grabImage() throws SourceException {
        if (next >= images.size()) {
            return null;
        }
        releaseCurrent();
        Path file = images.get(next++);
        sendable = asSent(file);
        // A photo sent as it is needs no pixels: the frame only says that an image was grabbed.
        current = sendable != null ? new Mat(1, 1, opencv_core.CV_8UC3) : read(camera, file);
        return converter.convert(current);
    }

    @Override
    public EncodedImage encode(Frame frame, JpegEncoder encoder) {
        return sendable != null ? sendable : encoder.encode(frame);
    }

    /** The file as it may be sent (a readable JPEG within the size cap), or null to decode it. */
    private EncodedImage asSent(Path file) throws SourceException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SourceException(camera, "cannot read the image " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < 3 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8 || (bytes[2] & 0xFF) != 0xFF) {
            return null;
        }
        // The size from the JPEG's header alone: nothing is decoded.
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            int[] fitted = cap.fit(width, height);
            return fitted[0] == width && fitted[1] == height
                    ? new EncodedImage(bytes, width, height, FrameHeaders.JPEG) : null;
        } catch (IOException e) {
            return null; // decoding says what is wrong with it
        } finally {
            reader.dispose();
        }
    }

    @Override
    public long timestampMicros() {
        return Math.round((next - 1) * 1_000_000 / fps);
    }

    @Override
    public void close() {
        releaseCurrent();
        converter.close();
    }

    private void releaseCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
