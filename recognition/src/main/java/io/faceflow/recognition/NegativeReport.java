package io.faceflow.recognition;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.faceflow.core.embed.Vectors;
import io.faceflow.index.gallery.CropEmbedder;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.Negative;
import io.faceflow.index.gallery.NegativeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calibration with negatives: for each person with corrections, how close the faces operators
 * rejected come to that person's templates, with the model in use. Both sides are re-embedded from
 * their stored images, so the report holds after a model roll-out too. A per-person threshold is
 * only proposed, never applied: the operator adds the printed setting line, or not.
 */
public final class NegativeReport {
    /** Proposals sit this far above the highest impostor score, on a grid of the same step. */
    static final double STEP = 0.01;

    private NegativeReport() {}

    /**
     * One person's line.
     *
     * @param highestImpostorScore the highest cosine similarity between a negative and one of the person's templates
     * @param highestAlertId the alert whose face scored it
     * @param threshold the threshold in force for the person, and where it comes from
     * @param proposedThreshold just above the highest impostor score when that reaches the threshold; null: keep
     */
    public record Row(String identityId, String displayName, int negatives, double highestImpostorScore,
            String highestAlertId, double threshold, String thresholdSource, Double proposedThreshold) {
        /** The stream processor setting that would apply the proposal; null when there is none. */
        @JsonProperty("settingLine")
        public String settingLine() {
            return proposedThreshold == null ? null
                    : String.format(Locale.ROOT, "threshold.identity.%s=%.2f", identityId, proposedThreshold);
        }
    }

    /**
     * Rows for every enrolled person with negatives, sorted by id.
     *
     * @param overrides per-person thresholds in force (the stream processor's {@code threshold.identity.*})
     * @param modelThreshold the threshold everyone else is decided with
     */
    public static List<Row> compute(CropStore crops, NegativeStore negatives, CropEmbedder embedder,
            DecisionOverrides overrides, DecisionThreshold modelThreshold) {
        List<Row> rows = new ArrayList<>();
        for (String id : negatives.identityIds()) {
            List<Negative> rejected = negatives.negatives(id);
            float[][] templates = embedder.embed(List.copyOf(crops.crops(id).values()));
            float[][] faces = embedder.embed(rejected.stream().map(n -> negatives.face(id, n.alertId())).toList());
            double highest = -1;
            String highestAlert = null;
            for (int i = 0; i < faces.length; i++) {
                for (float[] template : templates) {
                    double score = Vectors.dot(faces[i], template); // cosine: both L2-normalised
                    if (score > highest) {
                        highest = score;
                        highestAlert = rejected.get(i).alertId();
                    }
                }
            }
            Double own = overrides.perIdentity().get(id);
            double threshold = own != null ? own : modelThreshold.value();
            String source = own != null ? "threshold.identity." + id : modelThreshold.source();
            rows.add(new Row(id, crops.identity(id).orElseThrow().displayName(), rejected.size(), highest, highestAlert,
                    threshold, source, highest >= threshold ? proposal(highest) : null));
        }
        return rows;
    }

    /** The next step of the grid strictly above {@code highest}, at most 1. */
    static double proposal(double highest) {
        return Math.min(1, (Math.floor(highest / STEP + 1e-9) + 1) * STEP);
    }
}
