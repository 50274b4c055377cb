package io.faceflow.app.command;

import io.faceflow.app.cli.BatchOption;
import io.faceflow.app.cli.DeviceOption;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.Json;
import io.faceflow.app.cli.ModelOption;
import io.faceflow.app.cli.ModelsDirOption;
import io.faceflow.core.bundle.Calibration;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.training.data.AlignedFaceCache;
import io.faceflow.training.data.CropMode;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.eval.BinPackReader;
import io.faceflow.training.eval.BundleCalibration;
import io.faceflow.training.eval.EvalSettings;
import io.faceflow.training.eval.EvaluationJson;
import io.faceflow.training.eval.IdentificationResult;
import io.faceflow.training.eval.LfwPairs;
import io.faceflow.training.eval.ModelEvaluator;
import io.faceflow.training.eval.OperatingPoint;
import io.faceflow.training.eval.RocPlot;
import io.faceflow.training.eval.SetEvaluation;
import io.faceflow.training.eval.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model bundle, embedding the way the bundle says (flip-averaged or not).",
            "Verification: --pairs pairs.txt --images DIR (LFW layout) or --bin set.bin; 10-fold accuracy mean +- std,"
                + " TAR at FAR 1e-2 / 1e-3, ROC.",
            "Identification: --ident DIR (one sub-folder per identity): closed-set rank-1/5 and open-set TPIR at"
                + " FPIR 1e-1 / 1e-2 on a seeded gallery/probe split, plus verification on pairs drawn from it."})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption;

    /** The --model bundle, once the arguments are checked. */
    private Path model;

    @Option(names = "--pairs", paramLabel = "FILE", description = "LFW-style pairs.txt (with --images).")
    Path pairs;

    @Option(names = "--images", paramLabel = "DIR", description = "Image root the pairs file refers to (Name/Name_0001.jpg).")
    Path images;

    @Option(names = "--bin", paramLabel = "FILE", description = "Verification pack (lfw.bin, agedb_30.bin, ...), aligned crops.")
    Path bin;

    @Option(names = "--ident", paramLabel = "DIR", description = "Identity folders for identification.")
    Path ident;

    @Option(names = "--crop-mode", paramLabel = "MODE", defaultValue = "detect",
            description = "For --images / --ident: detect, aligned or detect-or-resize (default: ${DEFAULT-VALUE}).")
    String cropMode;

    @Option(names = "--gallery-per-identity", paramLabel = "N", defaultValue = "1",
            description = "--ident: images each enrolled identity puts in the gallery (default: ${DEFAULT-VALUE}).")
    int galleryPerIdentity;

    @Option(names = "--unenrolled", paramLabel = "F", defaultValue = "0.3",
            description = "--ident: share of identities kept out of the gallery, the open-set impostors (default: ${DEFAULT-VALUE}).")
    double unenrolled;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the gallery split and sampled pairs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cache", paramLabel = "DIR", description = "Aligned-face cache for --images / --ident (default: none).")
    Path cache;

    @Mixin
    ModelsDirOption modelsDir;

    @Mixin
    DeviceOption device;

    @Mixin
    BatchOption batch;

    @Option(names = "--calibrate", description = "Write the decision threshold at --far into the bundle's manifest:"
            + " the default that search and the stream use to say who a face is, or unknown.")
    boolean calibrate;

    @Option(names = "--far", defaultValue = "1e-3", description = "False-accept rate of the calibrated threshold:"
            + " 1e-2 or 1e-3 (default: ${DEFAULT-VALUE}).")
    double far;

    @Option(names = "--json", description = "One JSON document on stdout.")
    boolean json;

    @Option(names = "--roc", paramLabel = "PNG", description = "Write the verification ROC curve (log FAR axis) to this PNG.")
    Path roc;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CropMode mode = checkArguments();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> doc = new LinkedHashMap<>();
        VerificationReport verification;
        IdentificationResult identification = null;
        String data;
        try (RecognitionModel m = RecognitionModel.load(model, new ModelOptions(device.device(), false))) {
            doc.put("model", m.version());
            ModelEvaluator evaluator = new ModelEvaluator(m, batch.size());
            if (bin != null) {
                verification = evaluator.verifyPack(setName(bin), BinPackReader.read(bin));
                data = "verification pack " + bin.getFileName();
            } else if (pairs != null) {
                try (AlignedFaceCache faces = new AlignedFaceCache(cache, mode, this::detector, true)) {
                    verification = evaluator.verifyLfw(setName(pairs), LfwPairs.parse(pairs), images, faces);
                }
                data = "pairs " + pairs.getFileName() + " (" + verification.pairs() + " pairs)";
            } else {
                FolderFaceSet set;
                try (AlignedFaceCache faces = new AlignedFaceCache(cache, mode, this::detector)) {
                    set = FolderFaceSet.load(IdentityFolders.scan(ident, 2), faces, null);
                }
                if (!set.report().rejected().isEmpty()) {
                    spec.commandLine().getErr().println("faceflow eval: " + set.report().summary());
                }
                SetEvaluation e = evaluator.evaluateSet(setName(ident), set, IntStream.range(0, set.size()).toArray(),
                        new EvalSettings(3000, galleryPerIdentity, unenrolled, seed));
                verification = e.verification();
                identification = e.identification();
                doc.put("images", set.size());
                doc.put("skipped_images", set.report().rejected().size());
                data = "identity folders " + ident.getFileName() + " (" + set.identities().size() + " identities, "
                        + set.size() + " images)";
            }
        }
        if (calibrate) {
            Calibration c = BundleCalibration.write(model, ModelBundle.readManifest(model), verification, far, data)
                    .calibration();
            doc.put("calibration", Map.of("threshold", c.threshold(), "far", c.falseAcceptRate(), "tar",
                    c.trueAcceptRate(), "impostor_pairs", c.impostorPairs(), "data", c.data()));
            spec.commandLine().getErr().println("calibrated " + model + ": " + c.describe());
        }
        doc.put("verification", EvaluationJson.verification(verification));
        if (identification != null) {
            doc.put("identification", EvaluationJson.identification(identification));
        }
        if (roc != null) {
            if (roc.toAbsolutePath().getParent() != null) {
                Files.createDirectories(roc.toAbsolutePath().getParent());
            }
            RocPlot.write(List.of(verification.roc()), doc.get("model") + " on " + verification.set(), roc);
            doc.put("roc_png", roc.toString());
        }
        if (json) {
            out.println(Json.line(doc));
        } else {
            out.println(text(verification));
            if (identification != null) {
                out.println(text(identification));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private CropMode checkArguments() {
        model = modelOption.required(spec);
        int sources = (pairs != null ? 1 : 0) + (bin != null ? 1 : 0) + (ident != null ? 1 : 0);
        if (sources != 1) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --pairs FILE --images DIR, --bin FILE"
                    + " or --ident DIR");
        }
        if ((pairs != null) != (images != null)) {
            throw new ParameterException(spec.commandLine(), "--pairs and --images go together");
        }
        for (Path p : new Path[] {pairs, bin}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new ParameterException(spec.commandLine(), "file not found: " + p);
            }
        }
        for (Path p : new Path[] {images, ident}) {
            if (p != null && !Files.isDirectory(p)) {
                throw new ParameterException(spec.commandLine(), "folder not found: " + p);
            }
        }
        if (!Files.isRegularFile(model.resolve(ModelBundle.MANIFEST))) {
            throw new ParameterException(spec.commandLine(), "not a model bundle: " + model + " has no "
                    + ModelBundle.MANIFEST);
        }
        if (calibrate && java.util.Arrays.stream(VerificationReport.DEFAULT_FARS).noneMatch(f -> f == far)) {
            throw new ParameterException(spec.commandLine(), "--far " + far + ": calibration is measured at 1e-2 or 1e-3");
        }
        if (!(unenrolled >= 0 && unenrolled < 1) || galleryPerIdentity < 1 || batch.size() < 1) {
            throw new ParameterException(spec.commandLine(), "need 0 <= --unenrolled < 1, --gallery-per-identity >= 1"
                    + " and --batch >= 1");
        }
        try {
            return CropMode.parse(cropMode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private YuNetDetector detector() {
        return new YuNetDetector(DetectorConfig.forModels(modelsDir.given()));
    }

    private static String setName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String text(VerificationReport r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: verification %s on %d pairs", r.set(),
                r.accuracy().summary(), r.pairs()));
        for (OperatingPoint p : r.tarAtFar()) {
            s.append(String.format(Locale.ROOT, "; TAR %.2f %% at FAR %.0e", 100 * p.trueRate(), p.targetFalseRate()));
        }
        return s.append(String.format(Locale.ROOT, "; ROC AUC %.4f", r.roc().auc())).toString();
    }

    static String text(IdentificationResult r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "identification: rank-1 %.2f %%, rank-5 %.2f %% (%d mated probes)", 100 * r.rank1(), 100 * r.rank5(),
                r.matedProbes()));
        for (OperatingPoint p : r.openSet()) {
            s.append(String.format(Locale.ROOT, "; TPIR %.2f %% at FPIR %.0e", 100 * p.trueRate(), p.targetFalseRate()));
        }
        return s.append(" (").append(r.nonMatedProbes()).append(" non-mated probes)").toString();
    }
}
