package io.faceflow.training.job;

import io.faceflow.training.train.LrSchedule;
import java.util.List;
import java.util.Locale;

/**
 * The learning-rate schedule as the command line states it; the step count it needs is only known
 * once the data is loaded, hence {@link #build}.
 *
 * @param kind step (decay x{@code factor} at each milestone epoch), cosine (to {@code minLr}) or constant
 * @param lr base learning rate
 * @param milestones epochs at which {@code step} decays (the reference: 8, 14, 20, 25)
 * @param warmupSteps linear warm-up steps before the schedule; 0 for none (the reference has none)
 */
public record ScheduleSpec(String kind, double lr, List<Integer> milestones, double factor, double minLr,
        long warmupSteps) {
    public ScheduleSpec {
        kind = kind.toLowerCase(Locale.ROOT);
        milestones = List.copyOf(milestones);
        if (!List.of("step", "cosine", "constant").contains(kind)) {
            throw new IllegalArgumentException("unknown schedule '" + kind + "': use step, cosine or constant");
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
    }

    public static ScheduleSpec reference() {
        return new ScheduleSpec("step", 0.1, List.of(8, 14, 20, 25), 0.1, 0, 0);
    }

    public LrSchedule build(long totalSteps) {
        LrSchedule inner = switch (kind) {
            case "cosine" -> new LrSchedule.Cosine(lr, minLr, Math.max(1, totalSteps));
            case "constant" -> new LrSchedule.StepDecay(lr, List.of(), 1.0);
            default -> new LrSchedule.StepDecay(lr, milestones, factor);
        };
        return warmupSteps > 0 ? new LrSchedule.WarmUp(inner, warmupSteps) : inner;
    }

    public String describe() {
        String base = switch (kind) {
            case "cosine" -> String.format(Locale.ROOT, "cosine %.4g -> %.4g", lr, minLr);
            case "constant" -> String.format(Locale.ROOT, "constant %.4g", lr);
            default -> String.format(Locale.ROOT, "step %.4g x%.3g at epochs %s", lr, factor, milestones);
        };
        return warmupSteps > 0 ? base + ", warm-up " + warmupSteps + " steps" : base;
    }
}
