package io.faceflow.core.pipeline;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.Box;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.detect.Point;
import io.faceflow.core.embed.Embedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.InvalidImageException;
import io.faceflow.core.quality.QualityMeasures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decode, detect, select, align, check quality and embed: the one face pipeline behind enrolment,
 * search, the stream processor, the demo and evaluation.
 *
 * <p>All faces of all images given in one call are embedded together, so the embedder sees full
 * batches however the faces are spread over the images. An image that yields nothing is reported
 * with its reason while the others go through. Safe for concurrent use when the detector and the
 * embedder are.
 */
public final class FacePipeline {
    private final FaceDetector detector;
    private final Embedder embedder;
    private final PipelineOptions options;
    private final ImageDecoder decoder = new ImageDecoder();

    public FacePipeline(FaceDetector detector, Embedder embedder, PipelineOptions options) {
        if (detector == null || embedder == null || options == null) {
            throw new IllegalArgumentException("a face pipeline needs a detector, an embedder and options");
        }
        this.detector = detector;
        this.embedder = embedder;
        this.options = options;
    }

    public Embedder embedder() {
        return embedder;
    }

    /** Encoded images (source name to bytes), in the order results are wanted. */
    public List<ImageFaces> analyzeEncoded(Map<String, byte[]> encoded) {
        List<SourceImage> decoded = new ArrayList<>();
        List<ImageFaces> unreadable = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (var entry : encoded.entrySet()) {
            try {
                decoded.add(new SourceImage(entry.getKey(), decoder.decode(entry.getValue())));
                order.add(decoded.size() - 1);
            } catch (InvalidImageException e) {
                unreadable.add(ImageFaces.rejected(entry.getKey(), e.getMessage()));
                order.add(-unreadable.size());
            }
        }
        List<ImageFaces> analyzed = analyze(decoded);
        List<ImageFaces> result = new ArrayList<>(order.size());
        for (int i : order) {
            result.add(i >= 0 ? analyzed.get(i) : unreadable.get(-i - 1));
        }
        return result;
    }

    /** Decoded images, in order; one result per image. */
    public List<ImageFaces> analyze(List<SourceImage> images) {
        return analyze(images, EmbedChoice.ALL);
    }

    /**
     * Decoded images, in order; one result per image, with only the accepted faces {@code choice}
     * picks embedded. A face not picked is accepted without an embedding (both null).
     */
    public List<ImageFaces> analyze(List<SourceImage> images, EmbedChoice choice) {
        List<List<Candidate>> perImage = new ArrayList<>(images.size());
        List<String> rejections = new ArrayList<>(images.size());
        List<BgrImage> toEmbed = new ArrayList<>();
        for (SourceImage source : images) {
            List<DetectedFace> found = detect(source.image());
            Optional<String> problem = selectionProblem(found);
            rejections.add(problem.orElse(null));
            List<Candidate> candidates = new ArrayList<>();
            if (problem.isEmpty()) {
                List<AnalyzedFace> measured = new ArrayList<>();
                for (DetectedFace face : select(found)) {
                    BgrImage crop = FaceAligner.align(source.image(), face);
                    QualityMeasures measures = options.quality().measure(face, crop);
                    String rejection = options.quality().problemWith(measures).orElse(null);
                    measured.add(new AnalyzedFace(face, measures, crop, null, rejection));
                }
                List<Boolean> chosen = choice.choose(source, List.copyOf(measured));
                for (int f = 0; f < measured.size(); f++) {
                    AnalyzedFace m = measured.get(f);
                    boolean embed = m.accepted() && chosen.get(f);
                    candidates.add(new Candidate(m.detection(), m.quality(), m.crop(), m.rejection(), embed));
                    if (embed) {
                        toEmbed.add(m.crop());
                    }
                }
            }
            perImage.add(candidates);
        }
        float[][] embeddings = embedder.embed(toEmbed);
        int next = 0;
        List<ImageFaces> result = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            List<AnalyzedFace> faces = new ArrayList<>();
            for (Candidate c : perImage.get(i)) {
                float[] embedding = c.embed() ? embeddings[next++] : null;
                faces.add(new AnalyzedFace(c.face(), c.quality(), c.crop(), embedding, c.rejection()));
            }
            result.add(new ImageFaces(images.get(i).source(), faces, rejections.get(i)));
        }
        return result;
    }

    /** Detects on a scaled-down copy when the image is larger than the detection size, in full-size coordinates. */
    List<DetectedFace> detect(BgrImage image) {
        int longer = Math.max(image.width(), image.height());
        int max = options.detectMaxSide();
        if (max == 0 || longer <= max) {
            return detector.detect(image);
        }
        double scale = (double) max / longer;
        BgrImage small = image.resized(Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale)));
        double back = 1 / scale;
        return detector.detect(small).stream().map(f -> scaled(f, back)).toList();
    }

    private static DetectedFace scaled(DetectedFace f, double s) {
        Box b = f.box();
        return new DetectedFace(new Box(b.x() * s, b.y() * s, b.width() * s, b.height() * s),
                f.landmarks().stream().map(p -> new Point(p.x() * s, p.y() * s)).toList(), f.score());
    }

    private Optional<String> selectionProblem(List<DetectedFace> found) {
        if (found.isEmpty()) {
            return Optional.of("no face found");
        }
        if (options.selection() == FaceSelection.ONLY && found.size() > 1) {
            return Optional.of(found.size() + " faces found; an enrolment photo must show exactly one person");
        }
        return Optional.empty();
    }

    private List<DetectedFace> select(List<DetectedFace> found) {
        List<DetectedFace> bySize = found.stream()
                .sorted(Comparator.comparingDouble((DetectedFace f) -> f.box().area()).reversed()).toList();
        return options.selection() == FaceSelection.ALL ? bySize : bySize.subList(0, 1);
    }

    private record Candidate(DetectedFace face, QualityMeasures quality, BgrImage crop, String rejection, boolean embed) {}
}
