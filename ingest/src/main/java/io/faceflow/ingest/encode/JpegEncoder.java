package io.faceflow.ingest.encode;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.faceflow.contract.topic.FrameHeaders;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Scales a decoded BGR frame down to a cap and encodes it as JPEG. Not thread-safe: one per
 * camera thread (it reuses its native buffers between frames).
 */
public final class JpegEncoder implements AutoCloseable {
    private final ResizeCap cap;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final Mat resized = new Mat();
    private final BytePointer encoded = new BytePointer();
    private final IntPointer params;

    public JpegEncoder(ResizeCap cap, int quality) {
        this.cap = cap;
        this.params = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
    }

    /** Encodes a frame whose image is 8-bit BGR (the grabber is opened that way). */
    public EncodedImage encode(Frame frame) {
        Mat source = converter.convert(frame);
        if (source == null || source.empty()) {
            throw new IllegalArgumentException("frame has no image");
        }
        int[] size = cap.fit(source.cols(), source.rows());
        Mat image = source;
        if (size[0] != source.cols() || size[1] != source.rows()) {
            // INTER_AREA: the right filter for downscaling, no moire on fine patterns.
            try (Size target = new Size(size[0], size[1])) {
                resize(source, resized, target, 0, 0, INTER_AREA);
            }
            image = resized;
        }
        if (!imencode(".jpg", image, encoded, params)) {
            throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                    + " frame as JPEG");
        }
        byte[] bytes = new byte[(int) encoded.limit()];
        encoded.get(bytes);
        return new EncodedImage(bytes, image.cols(), image.rows(), FrameHeaders.JPEG);
    }

    @Override
    public void close() {
        resized.close();
        encoded.close();
        params.close();
        converter.close();
    }
}
