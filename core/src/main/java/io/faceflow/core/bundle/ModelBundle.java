package io.faceflow.core.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faceflow.core.model.Backbone;
import io.faceflow.core.model.Backbones;
import io.faceflow.core.model.InputSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * A model bundle: a folder holding {@code manifest.json} and one weights file. Reads and writes
 * bundles and checks their weights; {@code RecognitionModel.load} turns one into a model that embeds.
 */
public final class ModelBundle {
    public static final String MANIFEST = "manifest.json";
    public static final String DJL_WEIGHTS = "backbone.params";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelBundle() {}

    public static BundleManifest readManifest(Path bundle) {
        Path file = bundle.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a model bundle: " + bundle + " has no " + MANIFEST
                    + " (create one with `./faceflow models init` or `./faceflow train`)");
        }
        try {
            BundleManifest manifest = JSON.readValue(file.toFile(), BundleManifest.class);
            if (manifest.formatVersion() > BundleManifest.FORMAT_VERSION) {
                throw new IllegalArgumentException(file + " has bundle format " + manifest.formatVersion()
                        + "; this faceflow reads up to " + BundleManifest.FORMAT_VERSION + ": upgrade faceflow");
            }
            return manifest;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code backbone}'s parameters and the manifest into {@code bundle}. The checksum and
     * (when {@code manifest.version()} is null) the version are derived from the written weights.
     * The weights go to a temporary file first, so a crash never leaves a half-written bundle.
     */
    public static BundleManifest save(Path bundle, Block backbone, BundleManifest manifest) {
        try {
            Files.createDirectories(bundle);
            Path tmp = Files.createTempFile(bundle, DJL_WEIGHTS, ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                backbone.saveParameters(out);
            }
            String sha = sha256(tmp);
            Files.move(tmp, bundle.resolve(DJL_WEIGHTS), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            String version = manifest.version() != null ? manifest.version()
                    : manifest.name() + "-" + sha.substring(0, 12);
            BundleManifest written = manifest.withWeights(DJL_WEIGHTS, sha, version);
            writeManifest(bundle, written);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write model bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    public static void writeManifest(Path bundle, BundleManifest manifest) {
        try {
            Path tmp = Files.createTempFile(bundle, MANIFEST, ".tmp");
            JSON.writeValue(tmp.toFile(), manifest);
            Files.move(tmp, bundle.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + bundle.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    /** A randomly initialised bundle, labelled untrained: for plumbing tests and benchmarks. */
    public static BundleManifest initRandom(Path bundle, Backbone arch, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Block backbone = arch.build(0f);
        try (Model model = Model.newInstance(arch.id(), Device.cpu(), "PyTorch")) {
            model.setBlock(backbone);
            arch.initialize(backbone, model.getNDManager(), DataType.FLOAT32);
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, arch.id() + "-untrained", null,
                    WeightsFormat.DJL, arch.id(), Backbone.EMBEDDING_SIZE, 0, arch.input(), null, null, true,
                    null, null, Map.of("note", "random initialisation, seed " + seed + "; not for recognition"),
                    null, Instant.now().toString(), EmbeddingProtocol.PLAIN, null, null);
            return save(bundle, backbone, manifest);
        }
    }

    /**
     * Makes a bundle from a TorchScript or ONNX file trained elsewhere: copies the file in and
     * records its checksum and input convention.
     */
    public static BundleManifest importForeign(Path bundle, Path weights, WeightsFormat format, String name,
            int embeddingSize, InputSpec input, EmbeddingProtocol protocol) {
        if (format == WeightsFormat.DJL) {
            throw new IllegalArgumentException("import takes torchscript or onnx files; DJL bundles are made by train");
        }
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("model file not found: " + weights);
        }
        try {
            Files.createDirectories(bundle);
            String file = format == WeightsFormat.ONNX ? "model.onnx" : "model.pt";
            Files.copy(weights, bundle.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            String sha = sha256(bundle.resolve(file));
            // The protocol is part of the version: the same weights embedded two ways give two spaces.
            String version = name + "-" + sha.substring(0, 12) + (protocol.flipAverage() ? "-" + protocol.label() : "");
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, name, version, format,
                    "imported", embeddingSize, 0, input, file, sha, false, null, null,
                    Map.of("source", weights.getFileName().toString()), null, Instant.now().toString(), protocol, null,
                    null);
            writeManifest(bundle, manifest);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("could not import " + weights + ": " + e.getMessage(), e);
        }
    }

    /** Re-reads the weights and compares their SHA-256 with the manifest's. */
    public static void verifyChecksum(Path weights, BundleManifest manifest) {
        verifyChecksum(weights, manifest.weightsSha256());
    }

    /** Fails, naming the file, when {@code weights} is missing or its SHA-256 is not {@code expected}. */
    public static void verifyChecksum(Path weights, String expected) {
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException("model bundle is missing its weights file " + weights);
        }
        String actual = sha256(weights);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IllegalArgumentException("weights file " + weights + " is corrupt or was replaced: SHA-256 "
                    + actual + " does not match the manifest's " + expected + "; restore the bundle from its source");
        }
    }

    /**
     * Loads a DJL bundle's backbone with its weights, on {@code device}, after checking the checksum:
     * the one way to bring a faceflow backbone into memory, for inference and for further training.
     */
    public static Model loadBackbone(Path bundle, BundleManifest manifest, Device device) {
        if (manifest.format() != WeightsFormat.DJL) {
            throw new IllegalArgumentException(bundle + " is a " + manifest.format().id()
                    + " bundle; only DJL bundles (made by faceflow) hold a trainable backbone");
        }
        Block backbone = Backbones.parse(manifest.architecture()).build((float) manifest.dropout());
        Model model = Model.newInstance(manifest.version(), device, "PyTorch");
        model.setBlock(backbone);
        try {
            readWeights(bundle, manifest, backbone, model.getNDManager());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * Checks the checksum and loads a DJL bundle's weights into {@code backbone} (built for the
     * manifest's architecture), freezing what the architecture keeps frozen in training.
     */
    public static void readWeights(Path bundle, BundleManifest manifest, Block backbone, NDManager manager) {
        Path weights = bundle.resolve(manifest.weightsFile());
        verifyChecksum(weights, manifest);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
            backbone.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("could not read the weights of model bundle " + bundle + " into "
                    + manifest.architecture() + ": " + e.getMessage(), e);
        }
        Backbones.parse(manifest.architecture()).afterLoad(backbone);
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
