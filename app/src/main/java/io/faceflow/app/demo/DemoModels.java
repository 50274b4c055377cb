package io.faceflow.app.demo;

import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.fetch.ModelFetcher;
import io.faceflow.core.fetch.PretrainedRecognizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The detector and the recognition bundle a demo runs with. Missing models are fetched with their
 * published checksums (the demo's one network access, said out loud); the pretrained MobileFaceNet
 * is used unless a bundle is named.
 *
 * @param folder the detector's folder
 * @param bundle the recognition bundle
 */
public record DemoModels(Path folder, Path bundle) {
    public static DemoModels resolve(Path modelsDir, Path model, PrintWriter out) {
        Path yunet = ModelFiles.yunet(modelsDir);
        Path folder = yunet.getParent();
        if (!Files.isRegularFile(yunet)) {
            out.println("[demo] fetching the YuNet detector into " + folder + " ...");
            ModelFetcher.fetch(ModelFetcher.YUNET, folder);
        }
        if (model != null) {
            return new DemoModels(folder, model);
        }
        if (!ModelFetcher.present(ModelFetcher.FR_FEATURE, folder)
                && !Files.isRegularFile(PretrainedRecognizer.defaultBundle().resolve(ModelBundle.MANIFEST))) {
            out.println("[demo] fetching the pretrained MobileFaceNet recogniser into " + folder + " ...");
            ModelFetcher.fetch(ModelFetcher.FR_FEATURE, folder);
        }
        Path bundle = PretrainedRecognizer.ensureBundle(folder);
        out.println("[demo] no --model given: using the pretrained MobileFaceNet bundle " + bundle
                + " (fr_feature.onnx, MIT licence)");
        return new DemoModels(folder, bundle);
    }
}
