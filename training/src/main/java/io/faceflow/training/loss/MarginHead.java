package io.faceflow.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A margin softmax head: ElasticFace-Arc/Cos, their "+" variants, ArcFace or CosFace.
 *
 * <p>Holds the class-centre matrix W [embedding, classes] (init normal(0, 0.01)). Each forward
 * L2-normalises the embeddings and the columns of W, takes cos = clamp(e . W, -1, 1) and
 * replaces the target class's entry by the margined value; the result is scaled by s.
 *
 * <p>As a DJL block it takes {@code [embeddings [B, E], labels [B] int64]} and returns
 * {@code [logits [B, C]]}. In training mode margins are drawn per sample from a seeded
 * {@link MarginSampler} keyed by an internal step counter (advance it with {@link #setStep}
 * on resume); outside training the mean margin is used, so validation loss is deterministic.
 *
 * <p>Numerics: for the angular margin the target cosine is clamped a hair inside [-1, 1]
 * before acos (1e-7 in float32, 1e-12 in float64), because d acos/dx is infinite at +-1 and
 * would turn the gradient into NaN; a sample clamped there gets no gradient from its target logit. There
 * is no "easy margin" fallback: acos(cos_y) + m may pass pi, as in the reference, and the
 * logit is then simply cos of that angle.
 */
public final class MarginHead extends AbstractBlock {
    private static final byte VERSION = 1;
    /**
     * How far from +-1 the target cosine is kept before acos, per precision: a few units of the
     * type's spacing near 1, so the clamped value really differs from 1 and acos' derivative is finite.
     */
    static double acosGuard(DataType dtype) {
        return switch (dtype) {
            case FLOAT64 -> 1e-12;
            case FLOAT16 -> 2e-3;
            case BFLOAT16 -> 1.6e-2;
            default -> 1e-7;
        };
    }
    private static final double NORM_FLOOR = 1e-12;

    private final MarginHeadConfig config;
    private final int embeddingSize;
    private final int classes;
    private final MarginSampler sampler;
    private final Parameter weight;
    private long step;

    public MarginHead(MarginHeadConfig config, int embeddingSize, int classes, long seed) {
        super(VERSION);
        if (embeddingSize <= 0 || classes <= 1) {
            throw new IllegalArgumentException("a margin head needs embeddingSize > 0 and at least 2 classes, got "
                    + embeddingSize + " and " + classes);
        }
        this.config = config;
        this.embeddingSize = embeddingSize;
        this.classes = classes;
        this.sampler = new MarginSampler(config, seed);
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(embeddingSize, classes))
                .optInitializer(new NormalInitializer(0.01f))
                .build());
    }

    public MarginHeadConfig config() {
        return config;
    }

    public int classes() {
        return classes;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    /** The class-centre matrix W [embedding, classes] (un-normalised, as trained). */
    public Parameter weight() {
        return weight;
    }

    /** The number of training forwards so far; drives the margin draw. */
    public long step() {
        return step;
    }

    /** Sets the step counter, e.g. from a checkpoint, so a resumed run draws the same margins. */
    public void setStep(long step) {
        this.step = step;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("MarginHead takes [embeddings, labels], got " + inputs.size() + " arrays");
        }
        NDArray embeddings = inputs.get(0);
        NDArray labels = inputs.get(1);
        NDArray kernel = parameterStore.getValue(weight, embeddings.getDevice(), training);
        int batch = Math.toIntExact(embeddings.getShape().get(0));
        double[] margins;
        if (training) {
            margins = sampler.draw(step++, batch);
        } else {
            margins = new double[batch];
            java.util.Arrays.fill(margins, config.margin());
        }
        return new NDList(logits(embeddings, kernel, labels, margins, config));
    }

    /**
     * The head's logits with the parameter's current kernel and given drawn margins (no sampling):
     * used by tests and by anyone who wants to supply margins.
     */
    public NDArray logits(NDArray embeddings, NDArray labels, double[] drawnMargins) {
        return logits(embeddings, weight.getArray(), labels, drawnMargins, config);
    }

    /**
     * Margin logits, differentiable in {@code embeddings} and {@code kernel}.
     *
     * @param embeddings [B, E], not necessarily normalised
     * @param kernel [E, C] class centres, not necessarily normalised
     * @param labels [B] class indices (any integer type)
     * @param drawnMargins the batch's margins in sample order; "+" heads re-assign them here
     */
    public static NDArray logits(NDArray embeddings, NDArray kernel, NDArray labels, double[] drawnMargins,
            MarginHeadConfig config) {
        Shape es = embeddings.getShape();
        Shape ks = kernel.getShape();
        if (es.dimension() != 2 || ks.dimension() != 2 || es.get(1) != ks.get(0)) {
            throw new IllegalArgumentException("embeddings " + es + " and kernel " + ks
                    + " do not fit: expected [B, E] and [E, C]");
        }
        NDArray e = embeddings.div(embeddings.norm(new int[] {1}, true).maximum(NORM_FLOOR));
        // Ops on the kernel land in the parameter's long-lived manager; move them to the batch's
        // manager so they are freed with the batch instead of piling up every step.
        NDManager scope = embeddings.getManager();
        NDArray kernelNorm = kernel.norm(new int[] {0}, true);
        kernelNorm.attach(scope);
        NDArray w = kernel.div(kernelNorm.maximum(NORM_FLOOR));
        w.attach(scope);
        return applyMargin(e.matMul(w), labels, drawnMargins, config);
    }

    /**
     * Margin logits from cosines already computed: clamps to [-1, 1], puts the margin on each
     * sample's target entry and scales by s. Differentiable in {@code cosine}.
     *
     * @param cosine [B, C] cosine of each sample to each class centre
     */
    public static NDArray applyMargin(NDArray cosine, NDArray labels, double[] drawnMargins, MarginHeadConfig config) {
        int batch = Math.toIntExact(cosine.getShape().get(0));
        int classes = Math.toIntExact(cosine.getShape().get(1));
        if (labels.getShape().size() != batch || drawnMargins.length != batch) {
            throw new IllegalArgumentException("need one label and one margin per sample: batch " + batch
                    + ", labels " + labels.getShape() + ", margins " + drawnMargins.length);
        }
        DataType dtype = cosine.getDataType();
        NDManager manager = cosine.getManager();
        NDArray cos = cosine.clip(-1.0, 1.0);

        NDArray oneHot = labels.toType(DataType.INT64, false).reshape(batch).oneHot(classes, dtype);
        NDArray cosY = cos.mul(oneHot).sum(new int[] {1});

        double[] used = drawnMargins;
        if (config.plus()) {
            double[] targetCos = cosY.toType(DataType.FLOAT64, false).toDoubleArray();
            used = MarginSampler.assign(drawnMargins, targetCos, config.assignment());
        }
        NDArray m = manager.create(used).toType(dtype, false);

        NDArray target = switch (config.type()) {
            case ARC -> cosY.clip(-1.0 + acosGuard(dtype), 1.0 - acosGuard(dtype)).acos().add(m).cos();
            case COS -> cosY.sub(m);
        };
        // Replace only the target entry: cos + onehot * (target - cos_y).
        NDArray adjusted = cos.add(oneHot.mul(target.sub(cosY).expandDims(1)));
        return adjusted.mul(config.scale());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }
}
