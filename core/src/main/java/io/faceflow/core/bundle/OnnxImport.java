package io.faceflow.core.bundle;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.model.IResNetArch;
import io.faceflow.core.onnx.IResNetOnnx;
import io.faceflow.core.onnx.OnnxGraph;
import io.faceflow.core.onnx.OnnxWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns an ONNX recogniser into a trainable DJL bundle: the file's initializers are mapped onto a
 * faceflow architecture of the same layout, so the result can be fine-tuned, unlike a plain
 * {@link ModelBundle#importForeign} which only runs the file.
 */
public final class OnnxImport {
    public static final String LICENCE_FILE = "LICENSE.txt";
    public static final String SERVING_FILE = "serving.onnx";

    private OnnxImport() {}

    /**
     * Where a published model came from and under which terms, recorded in the bundle.
     *
     * @param licenceText the licence's full text, written beside the weights as LICENSE.txt; null for none
     */
    public record Provenance(String origin, String licence, String licenceText) {}

    /**
     * Writes the bundle into {@code bundle}; the version is {@code name} plus the checksum of the
     * DJL weights. The licence text, when the provenance has one, goes in beside the weights.
     */
    public static BundleManifest toDjlBundle(Path onnx, Path bundle, Backbone arch, String name, Provenance provenance) {
        if (!Files.isRegularFile(onnx)) {
            throw new IllegalArgumentException("ONNX file not found: " + onnx);
        }
        OnnxGraph graph = OnnxGraph.read(onnx);
        Block backbone = arch.build(0f);
        try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
            model.setBlock(backbone);
            arch.initialize(backbone, model.getNDManager(), DataType.FLOAT32);
            try {
                OnnxWeights.copyInto(graph, backbone, arch.id());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(onnx + " does not fit architecture " + arch.id() + ": "
                        + e.getMessage(), e);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("imported_from", onnx.getFileName().toString());
            summary.put("source_sha256", ModelBundle.sha256(onnx));
            if (provenance != null) {
                summary.put("origin", provenance.origin());
                summary.put("licence", provenance.licence());
                writeLicence(provenance.licenceText(), bundle);
            }
            summary.put("normalisation", "batch norm folded into the convolutions by the publisher; fine-tuning"
                    + " trains the folded biases, with no batch statistics");
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, name, null, WeightsFormat.DJL,
                    arch.id(), Backbone.EMBEDDING_SIZE, 0, arch.input(), null, null, false, null, null, summary, null,
                    Instant.now().toString(), EmbeddingProtocol.PLAIN, null, null);
            return addServingCopy(ModelBundle.save(bundle, backbone, manifest), onnx, bundle);
        }
    }

    /** The ONNX file the weights came from is kept beside them as the bundle's {@link ServingCopy}. */
    public static BundleManifest addServingCopy(BundleManifest manifest, Path onnx, Path bundle) {
        try {
            Files.copy(onnx, bundle.resolve(SERVING_FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + onnx + " into " + bundle + ": " + e.getMessage(), e);
        }
        return nameServingCopy(manifest, bundle);
    }

    /**
     * A fine-tuned child of a bundle that serves from an ONNX copy gets a copy of its own: the
     * parent's graph with the child's weights written into it, so retraining keeps the serving
     * speed. The child's manifest names it (on disk too) and is returned; a parent without an ONNX
     * copy, or of another architecture, leaves the child's manifest as it is.
     *
     * @param backbone the child's network, of the parent's layout (its weights are what is written)
     */
    public static BundleManifest carryServingCopy(Path parentBundle, BundleManifest parent, Path childBundle,
            BundleManifest child, Block backbone) {
        ServingCopy copy = parent.serving();
        if (copy == null || copy.format() != WeightsFormat.ONNX || !parent.architecture().equals(child.architecture())) {
            return child;
        }
        Path source = parentBundle.resolve(copy.file());
        ModelBundle.verifyChecksum(source, copy.sha256());
        OnnxGraph graph = OnnxGraph.read(source);
        OnnxGraph.rewriteInitializers(source, childBundle.resolve(SERVING_FILE),
                OnnxWeights.valuesFrom(backbone, graph, child.architecture()));
        return nameServingCopy(child, childBundle);
    }

    /**
     * Gives a bundle just written by training its ONNX serving copy, so it serves at ONNX Runtime's
     * speed: an iResNet's graph is built from its blocks; a child of a bundle served from ONNX gets
     * the parent's graph with its weights ({@link #carryServingCopy}). A copy that cannot be written
     * is no reason to lose a training run: the bundle stays as saved, served through DJL, and
     * {@code log} says why.
     *
     * @param parentBundle the bundle training started from, or null (then {@code parent} is null too)
     */
    public static BundleManifest writeServingCopy(Path bundle, BundleManifest saved, Block backbone, Path parentBundle,
            BundleManifest parent, Consumer<String> log) {
        try {
            if (Backbones.parse(saved.architecture()) instanceof IResNetArch) {
                return buildServingCopy(bundle, saved, backbone);
            }
            return parent == null ? saved : carryServingCopy(parentBundle, parent, bundle, saved, backbone);
        } catch (RuntimeException e) {
            log.accept("no ONNX serving copy for " + bundle + ", it serves through DJL: " + e.getMessage());
            return saved;
        }
    }

    /** Writes {@code backbone}, an iResNet, as the bundle's ONNX serving copy and names it in the manifest. */
    public static BundleManifest buildServingCopy(Path bundle, BundleManifest manifest, Block backbone) {
        IResNetOnnx.write(backbone, bundle.resolve(SERVING_FILE));
        return nameServingCopy(manifest, bundle);
    }

    private static BundleManifest nameServingCopy(BundleManifest manifest, Path bundle) {
        BundleManifest served = manifest.withServing(new ServingCopy(WeightsFormat.ONNX, SERVING_FILE,
                ModelBundle.sha256(bundle.resolve(SERVING_FILE))));
        ModelBundle.writeManifest(bundle, served);
        return served;
    }

    private static void writeLicence(String text, Path bundle) {
        if (text == null) {
            return;
        }
        try {
            Files.createDirectories(bundle);
            Files.writeString(bundle.resolve(LICENCE_FILE), text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the licence into " + bundle + ": " + e.getMessage(), e);
        }
    }
}
