package io.faceflow.recognition;

import io.faceflow.core.embed.Embedder;
import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.FaceIndex;
import java.util.function.Function;

/**
 * The one recipe from a loaded model bundle to a {@link ModelGeneration}: the decision threshold
 * (given, else the bundle's calibrated one), the gallery collection of the model's version, and the
 * embedder and gallery as the caller serves them (batched in the stream processor, direct in a
 * command). What serving adds is closed when the generation retires, and at once when making the
 * generation fails.
 *
 * @param threshold the given threshold; null for the bundle's calibrated one
 * @param galleries the gallery collection of a model version; throws when there is none
 */
public record GenerationRecipe(Double threshold, Function<String, FaceIndex> galleries, Serving serving) {
    /** How a generation serves a model and its gallery collection. */
    @FunctionalInterface
    public interface Serving {
        Served serve(RecognitionModel model, FaceIndex gallery);

        /** The model's embedder, {@code batch} faces per forward pass, and the gallery as it is. */
        static Serving direct(int batch) {
            return (model, gallery) -> new Served(new FaceEmbedder(model, batch), gallery, () -> {});
        }
    }

    /** @param release closes what serving added, neither the model nor the gallery collection */
    public record Served(Embedder embedder, FaceIndex gallery, AutoCloseable release) {}

    /** A generation of a model the caller keeps and closes itself. */
    public ModelGeneration borrowing(RecognitionModel model) {
        return make(model, false);
    }

    /** A generation that owns {@code model}: closed when the generation retires, or at once when making it fails. */
    public ModelGeneration owning(RecognitionModel model) {
        return make(model, true);
    }

    private ModelGeneration make(RecognitionModel model, boolean owned) {
        Served served = null;
        try {
            DecisionThreshold decision = DecisionThreshold.resolve(model.manifest(), threshold);
            served = serving.serve(model, galleries.apply(model.version()));
            AutoCloseable release = served.release();
            return new ModelGeneration(served.embedder(), served.gallery(), decision, !owned ? release : () -> {
                try (model; release) {
                    // closes what serving added, then the model
                }
            });
        } catch (RuntimeException e) {
            if (served != null) {
                try {
                    served.release().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (owned) {
                model.close();
            }
            throw e;
        }
    }
}
