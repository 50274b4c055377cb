package io.faceflow.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The manifest.json of a model bundle: what the weights are, how to feed them, how they were made.
 *
 * @param version identifies these weights; every embedding carries it and embeddings of
 *     different versions are never compared
 * @param architecture e.g. iresnet50 for {@link WeightsFormat#DJL}; free text for imported models
 * @param dropout dropout of the head (used when training continues from this bundle)
 * @param weightsSha256 hex SHA-256 of the weights file; loading fails when it does not match
 * @param untrained true for randomly initialised bundles, which are for plumbing and benchmarks only
 * @param loss the margin head used in training, with {@code lossParameters}; null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        WeightsFormat format,
        String architecture,
        int embeddingSize,
        double dropout,
        InputSpec input,
        String weightsFile,
        String weightsSha256,
        boolean untrained,
        String loss,
        Map<String, Object> lossParameters,
        Map<String, Object> trainingSummary,
        Map<String, Object> evaluation,
        String createdAt) {

    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        lossParameters = lossParameters == null ? Map.of() : Map.copyOf(lossParameters);
        trainingSummary = trainingSummary == null ? Map.of() : Map.copyOf(trainingSummary);
        evaluation = evaluation == null ? Map.of() : Map.copyOf(evaluation);
    }

    public BundleManifest withWeights(String file, String sha256, String newVersion) {
        return new BundleManifest(formatVersion, name, newVersion, format, architecture, embeddingSize, dropout,
                input, file, sha256, untrained, loss, lossParameters, trainingSummary, evaluation, createdAt);
    }

    public BundleManifest withEvaluation(Map<String, Object> results) {
        return new BundleManifest(formatVersion, name, version, format, architecture, embeddingSize, dropout,
                input, weightsFile, weightsSha256, untrained, loss, lossParameters, trainingSummary, results,
                createdAt);
    }
}
