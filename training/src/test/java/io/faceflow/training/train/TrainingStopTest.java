package io.faceflow.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.faceflow.training.data.SyntheticIdentities;
import io.faceflow.training.loss.MarginHead;
import io.faceflow.training.loss.MarginHeadConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping early (Ctrl-C) and step budgets, on the tiny stand-in backbone. */
class TrainingStopTest {
    @TempDir
    Path dir;

    TrainingConfig config(Path checkpoints, long maxSteps) {
        return new TrainingConfig(6, 32, 0.9, 5e-4, new LrSchedule.Cosine(0.05, 0.005, 24), 5.0, true, 7L, checkpoints,
                0, null, false, maxSteps);
    }

    @Test
    void aStopRequestEndsAfterTheCurrentStepWithACheckpointToResumeFrom() throws Exception {
        SyntheticImages data = new SyntheticImages(new SyntheticIdentities(21, 32), 8, 16);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TrainingLoop loop = new TrainingLoop(TrainingLoopTest.tinyBackbone(),
                    new MarginHead(MarginHeadConfig.arcFace(), TrainingLoopTest.EMBEDDING, 8, 1),
                    config(dir.resolve("ck"), 0), manager);
            loop.requestStop();
            TrainingSummary s = loop.run(data);
            assertTrue(s.stopped());
            assertEquals(1, s.endStep());
            assertEquals("step-00000001", new Checkpoints(dir.resolve("ck")).latest().orElseThrow().getFileName().toString());
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TrainingSummary s = new TrainingLoop(TrainingLoopTest.tinyBackbone(),
                    new MarginHead(MarginHeadConfig.arcFace(), TrainingLoopTest.EMBEDDING, 8, 1),
                    config(dir.resolve("ck"), 6), manager).run(data);
            assertEquals(1, s.startStep());
            assertEquals(6, s.endStep(), "the step budget ends the run mid-epoch");
            assertFalse(s.stopped());
        }
        // Only the newest checkpoints are kept.
        try (var list = Files.list(dir.resolve("ck"))) {
            assertEquals(Checkpoints.KEEP, list.filter(p -> p.getFileName().toString().startsWith("step-")).count());
        }
    }
}
