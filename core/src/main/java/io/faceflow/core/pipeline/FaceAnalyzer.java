package io.faceflow.core.pipeline;

import io.faceflow.core.align.FaceAligner;
import io.faceflow.core.detect.DetectedFace;
import io.faceflow.core.detect.FaceDetector;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.ImageDecoder;
import io.faceflow.core.image.InvalidImageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decode, detect, align and embed: each image's largest face becomes one embedding, and every
 * image that cannot yield one is reported with its reason while the others go through.
 */
public final class FaceAnalyzer {
    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;

    /** {@code detector} may be null when every input is an already aligned crop. */
    public FaceAnalyzer(ImageDecoder decoder, FaceDetector detector, FaceEmbedder embedder) {
        this.decoder = decoder;
        this.detector = detector;
        this.embedder = embedder;
    }

    /**
     * @param images source name to encoded bytes, in the order results are wanted
     * @param aligned the images are aligned crops already: skip detection
     */
    public List<FaceOutcome> analyze(Map<String, byte[]> images, boolean aligned) {
        Map<String, FaceOutcome> outcomes = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        List<BgrImage> crops = new ArrayList<>();
        List<DetectedFace> faces = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (var entry : images.entrySet()) {
            String source = entry.getKey();
            outcomes.put(source, null);
            try {
                BgrImage image = decoder.decode(entry.getValue());
                if (aligned) {
                    crops.add(FaceAligner.asAligned(image));
                    faces.add(null);
                    counts.add(1);
                } else {
                    List<DetectedFace> found = detector.detect(image);
                    if (found.isEmpty()) {
                        outcomes.put(source, new FaceOutcome.Rejected(source, "no face found"));
                        continue;
                    }
                    DetectedFace largest = found.stream().max(Comparator.comparingDouble(f -> f.box().area()))
                            .orElseThrow();
                    crops.add(FaceAligner.align(image, largest));
                    faces.add(largest);
                    counts.add(found.size());
                }
                pending.add(source);
            } catch (InvalidImageException e) {
                outcomes.put(source, new FaceOutcome.Rejected(source, e.getMessage()));
            }
        }
        float[][] embeddings = embedder.embed(crops);
        for (int i = 0; i < pending.size(); i++) {
            String source = pending.get(i);
            outcomes.put(source, new FaceOutcome.Embedded(source, faces.get(i), crops.get(i), embeddings[i],
                    counts.get(i)));
        }
        return new ArrayList<>(outcomes.values());
    }
}
