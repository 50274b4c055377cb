package io.faceflow.ingest;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Makes small test videos with FFmpeg, so tests need nothing outside the repo. */
final class VideoFixtures {
    private VideoFixtures() {}

    /** Writes an MPEG-4 video whose frames change colour over time. */
    static Path generate(Path file, int width, int height, double fps, int frames) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, 0);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoQuality(5);
            recorder.setGopSize(10);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                try (Mat mat = new Mat(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                        new Scalar((i * 7) % 255, (i * 3) % 255, 255 - (i * 5) % 255, 0))) {
                    Frame frame = converter.convert(mat);
                    recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                }
            }
            recorder.stop();
        }
        return file;
    }

    /** Duration of a video in seconds, as FFmpeg reports it. */
    static double durationSeconds(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return grabber.getLengthInTime() / 1e6;
        }
    }

    /** Number of video frames actually in the file, counted by decoding. */
    static int countFrames(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int n = 0;
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                if (f.image != null) {
                    n++;
                }
            }
            return n;
        }
    }
}
