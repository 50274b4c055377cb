package io.faceflow.training.train;

import java.util.List;

/** Learning rate as a function of the global step. */
public sealed interface LrSchedule permits LrSchedule.StepDecay, LrSchedule.Cosine, LrSchedule.WarmUp {

    /**
     * @param step global step, 0-based
     * @param stepsPerEpoch batches per epoch (epoch-based schedules step at epoch boundaries)
     */
    double lr(long step, int stepsPerEpoch);

    /**
     * lr = base * factor^(number of milestones reached), stepped per epoch. The published recipe:
     * base 0.1, factor 0.1, milestones 8, 14, 20, 25.
     */
    record StepDecay(double base, List<Integer> milestoneEpochs, double factor) implements LrSchedule {
        public StepDecay {
            milestoneEpochs = List.copyOf(milestoneEpochs);
            requirePositive(base, "base learning rate");
        }

        @Override
        public double lr(long step, int stepsPerEpoch) {
            long epoch = step / Math.max(1, stepsPerEpoch);
            double lr = base;
            for (int m : milestoneEpochs) {
                if (epoch >= m) {
                    lr *= factor;
                }
            }
            return lr;
        }
    }

    /** Half-cosine from base to min over totalSteps, then min. */
    record Cosine(double base, double min, long totalSteps) implements LrSchedule {
        public Cosine {
            requirePositive(base, "base learning rate");
            if (totalSteps <= 0) {
                throw new IllegalArgumentException("cosine schedule needs totalSteps > 0, got " + totalSteps);
            }
        }

        @Override
        public double lr(long step, int stepsPerEpoch) {
            double t = Math.min(1.0, (double) step / totalSteps);
            return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * t));
        }
    }

    /** Linear warm-up over the first warmupSteps steps (from lr/warmupSteps up to the inner schedule), then the inner schedule. */
    record WarmUp(LrSchedule inner, long warmupSteps) implements LrSchedule {
        @Override
        public double lr(long step, int stepsPerEpoch) {
            double lr = inner.lr(step, stepsPerEpoch);
            return step < warmupSteps ? lr * (step + 1) / warmupSteps : lr;
        }
    }

    /** The published ElasticFace/MS1MV2 schedule. */
    static LrSchedule reference() {
        return new StepDecay(0.1, List.of(8, 14, 20, 25), 0.1);
    }

    private static void requirePositive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }
}
