package io.faceflow.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Softmax cross-entropy on margin logits, averaged over the batch (as the reference trains). */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * @param logits [B, C]
     * @param labels [B] class indices
     * @return a scalar: mean over samples of -log softmax(logits)[label]
     */
    public static NDArray mean(NDArray logits, NDArray labels) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray oneHot = labels.toType(DataType.INT64, false).reshape(-1).oneHot(classes, logits.getDataType());
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }
}
