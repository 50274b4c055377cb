package io.faceflow.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.faceflow.core.model.InputSpec;
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
 * @param embedding how crops become embeddings (flip-averaged or not); absent means plain
 * @param calibration the decision threshold measured for this model; null until {@code faceflow eval --calibrate}
 * @param serving the same weights in a faster inference format, used to embed; null for none
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
        String createdAt,
        EmbeddingProtocol embedding,
        Calibration calibration,
        ServingCopy serving) {

    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        lossParameters = lossParameters == null ? Map.of() : Map.copyOf(lossParameters);
        trainingSummary = trainingSummary == null ? Map.of() : Map.copyOf(trainingSummary);
        evaluation = evaluation == null ? Map.of() : Map.copyOf(evaluation);
        embedding = embedding == null ? EmbeddingProtocol.PLAIN : embedding;
    }

    /** New weights under a new version; a serving copy of the old weights does not carry over. */
    public BundleManifest withWeights(String file, String sha256, String newVersion) {
        return new BundleManifest(formatVersion, name, newVersion, format, architecture, embeddingSize, dropout,
                input, file, sha256, untrained, loss, lossParameters, trainingSummary, evaluation, createdAt, embedding,
                calibration, null);
    }

    public BundleManifest withEvaluation(Map<String, Object> results) {
        return new BundleManifest(formatVersion, name, version, format, architecture, embeddingSize, dropout,
                input, weightsFile, weightsSha256, untrained, loss, lossParameters, trainingSummary, results,
                createdAt, embedding, calibration, serving);
    }

    /**
     * The same weights under another embedding protocol: a different embedding space, so it takes
     * a new version.
     */
    public BundleManifest withEmbedding(EmbeddingProtocol protocol, String newVersion) {
        return new BundleManifest(formatVersion, name, newVersion, format, architecture, embeddingSize, dropout,
                input, weightsFile, weightsSha256, untrained, loss, lossParameters, trainingSummary, evaluation,
                createdAt, protocol, calibration, serving);
    }

    /** The same bundle with a decision threshold; the version stays, since embeddings do not change. */
    public BundleManifest withCalibration(Calibration newCalibration) {
        return new BundleManifest(formatVersion, name, version, format, architecture, embeddingSize, dropout,
                input, weightsFile, weightsSha256, untrained, loss, lossParameters, trainingSummary, evaluation,
                createdAt, embedding, newCalibration, serving);
    }

    /** The same bundle with a serving copy of its weights; the version stays (see {@link ServingCopy}). */
    public BundleManifest withServing(ServingCopy copy) {
        return new BundleManifest(formatVersion, name, version, format, architecture, embeddingSize, dropout,
                input, weightsFile, weightsSha256, untrained, loss, lossParameters, trainingSummary, evaluation,
                createdAt, embedding, calibration, copy);
    }
}
