package io.faceflow.training.job;

import io.faceflow.core.bundle.BundleManifest;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.model.Backbone;
import io.faceflow.training.data.FaceSet;
import io.faceflow.training.data.FolderFaceSet;
import io.faceflow.training.data.IdentitySplit;
import io.faceflow.training.loss.MarginHeadConfig;
import io.faceflow.training.train.FaceSetImages;
import io.faceflow.training.train.TrainingSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The manifest of a freshly trained bundle: architecture, loss and the recipe that made it (before evaluation). */
final class TrainedManifest {
    private TrainedManifest() {}

    static BundleManifest of(TrainRequest request, TrainingPlan plan, FaceSet set, FaceSetImages train,
            IdentitySplit split, int heldOut, TrainingSummary summary, long plannedSteps, double seconds) {
        MarginHeadConfig h = plan.head();
        Map<String, Object> lossParams = new LinkedHashMap<>();
        lossParams.put("type", h.type().name());
        lossParams.put("scale", h.scale());
        lossParams.put("margin", h.margin());
        lossParams.put("std", h.std());
        lossParams.put("plus", h.plus());
        if (h.plus()) {
            lossParams.put("assignment", h.assignment().name());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", set.source());
        if (set instanceof FolderFaceSet folder) {
            s.put("crop_mode", request.cropMode().cliName());
            s.put("files", folder.report().files());
            s.put("skipped_files", folder.report().rejected().size());
        }
        s.put("images", set.size());
        s.put("identities", set.identities().size());
        s.put("train_images", train.size());
        s.put("train_identities", train.classes());
        s.put("validation_identities", split.validation().size());
        s.put("epochs", request.epochs());
        s.put("batch", request.batchSize());
        s.put("steps", summary.endStep());
        s.put("planned_steps", plannedSteps);
        s.put("schedule", request.schedule().describe());
        s.put("momentum", request.momentum());
        s.put("weight_decay", request.weightDecay());
        s.put("clip_norm", request.clipNorm());
        s.put("flip", request.flip());
        s.put("seed", request.seed());
        List<Double> losses = summary.losses();
        if (!losses.isEmpty()) {
            s.put("final_loss", losses.get(losses.size() - 1));
        }
        s.put("epoch_mean_losses", summary.epochMeanLosses());
        if (plan.init() != null) {
            s.put("init", plan.init().version());
            s.put("backbone_lr_scale", request.backboneLrScale());
            s.put("distill_weight", request.keep().distillWeight());
            s.put("allow_high_lr", request.keep().allowHighLr());
            s.put("head_init", "class centres from the identities' mean embeddings under the parent");
        }
        s.put("held_out_images", heldOut);
        s.put("seconds", Math.round(seconds));
        String name = request.name() != null ? request.name()
                : "faceflow-" + plan.arch().id() + "-" + h.name().toLowerCase(Locale.ROOT).replace("elasticface-", "elastic-");
        return new BundleManifest(BundleManifest.FORMAT_VERSION, name, null, WeightsFormat.DJL, plan.arch().id(),
                Backbone.EMBEDDING_SIZE, request.dropout(), plan.input(), null, null, false, h.name(), lossParams, s,
                null, Instant.now().toString(), plan.embedding(), null, null);
    }
}
