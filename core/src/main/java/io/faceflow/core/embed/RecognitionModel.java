package io.faceflow.core.embed;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.InputSpec;
import io.faceflow.core.image.BgrImage;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * A loaded face-recognition network with its manifest: aligned crops in, raw (un-normalised)
 * embeddings out. Safe for concurrent use: each call works in its own native memory scope.
 */
public final class RecognitionModel implements AutoCloseable {
    private final Model model;
    private final BundleManifest manifest;
    private final boolean half;

    public RecognitionModel(Model model, BundleManifest manifest, boolean half) {
        this.model = model;
        this.manifest = manifest;
        this.half = half;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** The model version every embedding from this model is tagged with. */
    public String version() {
        return manifest.version();
    }

    public int dimension() {
        return manifest.embeddingSize();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** The network itself, for training or inspection. */
    public Block block() {
        return model.getBlock();
    }

    /** Runs the network on crops of the manifest's input size, in order; never normalises. */
    public float[][] forward(List<BgrImage> crops) {
        if (crops.isEmpty()) {
            return new float[0][];
        }
        InputSpec spec = manifest.input();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(toNchw(crops, spec), new Shape(crops.size(), 3, spec.size(), spec.size()));
            if (half) {
                input = input.toType(DataType.FLOAT16, false);
            }
            NDList out = model.getBlock().forward(new ParameterStore(scope, false), new NDList(input), false);
            NDArray embeddings = out.get(0).toType(DataType.FLOAT32, false);
            if (embeddings.getShape().dimension() != 2 || embeddings.getShape().get(1) != dimension()) {
                throw new IllegalStateException("model " + version() + " returned shape " + embeddings.getShape()
                        + " but its manifest declares embeddings of size " + dimension());
            }
            float[] flat = embeddings.toFloatArray();
            float[][] result = new float[crops.size()][dimension()];
            for (int i = 0; i < result.length; i++) {
                System.arraycopy(flat, i * dimension(), result[i], 0, dimension());
            }
            return result;
        }
    }

    private static FloatBuffer toNchw(List<BgrImage> crops, InputSpec spec) {
        int imageSize = 3 * spec.size() * spec.size();
        float[] data = new float[crops.size() * imageSize];
        for (int n = 0; n < crops.size(); n++) {
            spec.writeChw(crops.get(n), data, n * imageSize);
        }
        return FloatBuffer.wrap(data);
    }

    @Override
    public void close() {
        model.close();
    }
}
