package io.faceflow.core.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.training.ParameterStore;
import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.ServingCopy;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.lifecycle.UseGate;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.model.FoldedIResNet;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.core.model.InputSpec;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A loaded face-recognition network with its manifest: aligned crops in, raw (un-normalised)
 * embeddings out. Safe for concurrent use: each call works in its own native memory scope.
 *
 * <p>Networks exported with a fixed batch dimension (many ONNX files say 1x3x112x112) are fed in
 * chunks of exactly that size, the last one padded, so every caller may pass any number of crops;
 * on a CPU the chunks run {@link ModelOptions#inferenceThreads()} at a time.
 *
 * <p>{@link #close()} waits for the passes running (bounded) before it frees the native model:
 * ONNX Runtime and PyTorch crash the process when a session is freed under a pass.
 */
public final class RecognitionModel implements AutoCloseable {
    private final Model model;
    private final BundleManifest manifest;
    private final boolean half;
    private final int fixedBatch;
    /** What forward passes run: the model's block, or its batch-norm-folded twin. */
    private final Block network;
    /** Runs a fixed-batch network's chunks side by side; null when they run one after another. */
    private final ExecutorService chunkPool;
    private final int parallelChunks;
    private final UseGate gate;

    /**
     * @param fixedBatch the batch size the network was exported with, 0 when it takes any
     */
    public RecognitionModel(Model model, BundleManifest manifest, boolean half, int fixedBatch) {
        this(model, model.getBlock(), manifest, half, fixedBatch, 1);
    }

    private RecognitionModel(Model model, Block network, BundleManifest manifest, boolean half, int fixedBatch,
            int parallelChunks) {
        this.model = model;
        this.network = network;
        this.manifest = manifest;
        this.half = half;
        this.fixedBatch = fixedBatch;
        this.parallelChunks = fixedBatch > 0 ? parallelChunks : 1;
        this.gate = new UseGate("model " + manifest.version());
        this.chunkPool = fixedBatch > 0 && parallelChunks > 1
                ? Executors.newFixedThreadPool(parallelChunks, Thread.ofPlatform().daemon()
                        .name("faceflow-inference-" + manifest.version() + "-", 0).factory())
                : null;
    }

    /**
     * Loads a bundle for inference; fails when the weights do not match the manifest's checksum.
     * On a CPU a bundle's {@link ServingCopy} is what runs, when it has one and the options allow.
     */
    public static RecognitionModel load(Path bundle, ModelOptions options) {
        BundleManifest manifest = ModelBundle.readManifest(bundle);
        Device device = options.resolve(manifest.format().engine());
        ServingCopy serving = options.servingCopy() && !device.isGpu() ? manifest.serving() : null;
        WeightsFormat format = serving != null ? serving.format() : manifest.format();
        Path weights = bundle.resolve(serving != null ? serving.file() : manifest.weightsFile());
        String sha256 = serving != null ? serving.sha256() : manifest.weightsSha256();
        boolean half = options.fp16() && device.isGpu();
        if (format != WeightsFormat.DJL) {
            ModelBundle.verifyChecksum(weights, sha256); // DJL weights are checked as they are read
        }
        int fixedBatch = format == WeightsFormat.ONNX ? OnnxInputs.fixedBatch(weights) : 0;
        int threads = options.resolvedInferenceThreads();
        Model model = switch (format) {
            case DJL -> ModelBundle.loadBackbone(bundle, manifest, device);
            case TORCHSCRIPT -> loadForeign(weights, format, device, Map.of());
            case ONNX -> loadForeign(weights, format, device, Map.of(
                    "intraOpNumThreads", String.valueOf(fixedBatch > 0 ? 1 : threads),
                    "interOpNumThreads", "1"));
        };
        Block network = serving != null ? model.getBlock() : forInference(model, manifest, options);
        if (half) {
            network.cast(DataType.FLOAT16);
        }
        return new RecognitionModel(model, network, manifest, half, fixedBatch, device.isGpu() ? 1 : threads);
    }

    /**
     * A trained iResNet runs as its batch-norm-folded twin (fewer operations per pass); other
     * networks run as loaded (the pretrained MobileFaceNet comes folded already).
     */
    private static Block forInference(Model model, BundleManifest manifest, ModelOptions options) {
        if (manifest.format() == WeightsFormat.DJL && options.foldBatchNorm()
                && Backbones.parse(manifest.architecture()) instanceof IResNetArch arch) {
            return FoldedIResNet.fold(model.getBlock(), arch, model.getNDManager());
        }
        return model.getBlock();
    }

    /**
     * A network already in memory (e.g. a backbone about to be fine-tuned) behind the same interface,
     * embedding under {@code manifest}'s input convention and version. Closing it leaves the
     * network's parameters alone: they belong to whoever built it.
     */
    public static RecognitionModel inMemory(Block network, BundleManifest manifest, Device device) {
        Model model = Model.newInstance(manifest.version(), device, "PyTorch");
        model.setBlock(network);
        return new RecognitionModel(model, manifest, false, 0);
    }

    private static Model loadForeign(Path weights, WeightsFormat format, Device device,
            Map<String, String> engineOptions) {
        try {
            Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(weights)
                    .optEngine(format.engine())
                    .optDevice(device);
            engineOptions.forEach(criteria::optOption);
            return criteria.build().loadModel();
        } catch (IOException | MalformedModelException | ModelNotFoundException e) {
            throw new IllegalArgumentException("could not load the model weights " + weights + " (" + format.id()
                    + "): " + e.getMessage(), e);
        }
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

    /** The batch size the network was exported with, or 0 when it takes any. */
    public int fixedBatch() {
        return fixedBatch;
    }

    /** The engine running the passes: PyTorch, or OnnxRuntime for ONNX weights and serving copies. */
    public String engine() {
        return model.getNDManager().getEngine().getEngineName();
    }

    /** How many forward passes run at once (fixed-batch networks on a CPU), else 1. */
    public int parallelPasses() {
        return parallelChunks;
    }

    /** The network as the bundle holds it (never folded), for training, saving or inspection. */
    public Block block() {
        return model.getBlock();
    }

    /** The network forward passes run: {@link #block()} or, for trained iResNets, its folded twin. */
    public Block network() {
        return network;
    }

    /** Runs the network on crops of the manifest's input size, in order; never normalises. */
    public float[][] forward(List<BgrImage> crops) {
        if (crops.isEmpty()) {
            return new float[0][];
        }
        try (UseGate.Use use = gate.enter()) {
            return forwardChunks(crops);
        }
    }

    private float[][] forwardChunks(List<BgrImage> crops) {
        if (fixedBatch == 0 || crops.size() == fixedBatch) {
            return forwardExact(crops, crops.size());
        }
        int chunks = (crops.size() + fixedBatch - 1) / fixedBatch;
        float[][] result = new float[crops.size()][];
        if (chunkPool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                forwardChunk(crops, c * fixedBatch, result);
            }
            return result;
        }
        List<Future<?>> running = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int start = c * fixedBatch;
            running.add(chunkPool.submit(() -> forwardChunk(crops, start, result)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                running.forEach(r -> r.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while embedding with " + version(), e);
            } catch (ExecutionException e) {
                running.forEach(r -> r.cancel(true));
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return result;
    }

    /** The chunk of the fixed batch size that starts at {@code start}, padded with its first crop. */
    private void forwardChunk(List<BgrImage> crops, int start, float[][] result) {
        int n = Math.min(fixedBatch, crops.size() - start);
        List<BgrImage> chunk = new ArrayList<>(crops.subList(start, start + n));
        while (chunk.size() < fixedBatch) {
            chunk.add(chunk.get(0));
        }
        System.arraycopy(forwardExact(chunk, n), 0, result, start, n);
    }

    /** One forward pass over {@code crops}; returns the first {@code keep} rows. */
    private float[][] forwardExact(List<BgrImage> crops, int keep) {
        InputSpec spec = manifest.input();
        // Each pass holds the gate itself: a chunk left running by an interrupted caller still counts.
        try (UseGate.Use use = gate.enter(); NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(toNchw(crops, spec), new Shape(crops.size(), 3, spec.size(), spec.size()));
            if (half) {
                input = input.toType(DataType.FLOAT16, false);
            }
            NDList out = network.forward(new ParameterStore(scope, false), new NDList(input), false);
            NDArray embeddings = out.get(0).toType(DataType.FLOAT32, false);
            if (embeddings.getShape().dimension() != 2 || embeddings.getShape().get(1) != dimension()) {
                throw new IllegalStateException("model " + version() + " returned shape " + embeddings.getShape()
                        + " but its manifest declares embeddings of size " + dimension());
            }
            float[] flat = embeddings.toFloatArray();
            float[][] result = new float[keep][dimension()];
            for (int i = 0; i < keep; i++) {
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

    /** Refuses new passes, waits for the running ones (bounded), then frees the model; see {@link UseGate}. */
    @Override
    public void close() {
        gate.closeAfterUsers(() -> {
            if (chunkPool != null) {
                chunkPool.shutdown();
            }
            model.close();
        });
    }
}
