package io.faceflow.core.bundle;

/**
 * The bundle's weights once more, in a format an inference engine runs faster: a DJL MobileFaceNet
 * imported from an ONNX file keeps that file, and ONNX Runtime serves it at about three times the
 * speed of the PyTorch engine on a CPU (README, "The stream's per-frame work"); a fine-tuned child
 * gets that graph with its own weights, and a trained iResNet a graph built from its blocks
 * ({@link OnnxImport#writeServingCopy}). Both hold the same weights and give the same embeddings to
 * 1e-4 ({@code OnnxImportTest}, {@code IResNetServingCopyTest}), so they share the bundle's version;
 * training always uses the main weights.
 *
 * @param file the copy's file name inside the bundle
 * @param sha256 its hex SHA-256; loading fails when it does not match
 */
public record ServingCopy(WeightsFormat format, String file, String sha256) {}
