package io.faceflow.ingest.source;

import io.faceflow.ingest.config.CameraConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A folder of photos played as a camera, one image per frame at the camera's fps, in name order.
 * It stands in for a camera in demos and tests; photos of any size are sent as they are.
 */
final class ImageFolderSource implements FrameSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp");

    private final CameraConfig camera;
    private final List<Path> images;
    private final double fps;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private int next;
    private Mat current;
    private int width;
    private int height;

    private ImageFolderSource(CameraConfig camera, List<Path> images, double fps) {
        this.camera = camera;
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
        current = read(camera, images.get(next++));
        return converter.convert(current);
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
