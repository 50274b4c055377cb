package io.faceflow.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.bundle.EmbeddingProtocol;
import io.faceflow.core.bundle.ModelBundle;
import io.faceflow.core.bundle.WeightsFormat;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.lifecycle.ResourceClosedException;
import io.faceflow.core.model.InputSpec;
import io.faceflow.testkit.TestResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the pretrained ONNX model while threads embed with it, many times over: before the fix a
 * close freed the ONNX Runtime session under a running pass and the JVM died (SIGSEGV), which here
 * would end the whole test run. Each caller either gets its embeddings or is told the model is
 * closed; nothing else.
 */
class CloseUnderLoadTest {
    @TempDir
    Path dir;

    @Test
    void closeDuringForwardPassesWaitsForThemAndNeverCrashes() throws Exception {
        ModelBundle.importForeign(dir, TestResources.pretrainedRecognizer(), WeightsFormat.ONNX, "mobilefacenet", 512,
                InputSpec.MOBILEFACENET, EmbeddingProtocol.PLAIN);
        List<BgrImage> crops = RandomCrops.of(6, 5);
        Random random = new Random(5);
        int completed = 0;
        int refused = 0;
        for (int round = 0; round < 20; round++) {
            RecognitionModel model = RecognitionModel.load(dir, ModelOptions.CPU.withInferenceThreads(2));
            model.forward(crops); // warm: the first pass sets ONNX Runtime up and would outlast any race
            AtomicInteger done = new AtomicInteger();
            AtomicInteger closedErrors = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    started.countDown();
                    for (int i = 0; i < 50; i++) {
                        try {
                            assertEquals(6, model.forward(crops).length);
                            done.incrementAndGet();
                        } catch (ResourceClosedException e) {
                            closedErrors.incrementAndGet();
                            return;
                        } catch (Throwable e) {
                            other.add(e);
                            return;
                        }
                    }
                }));
            }
            started.await();
            // Close only once passes are under way: on a busy machine one pass can outlast a fixed pause.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (done.get() == 0 && other.isEmpty() && closedErrors.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(50));
            model.close();
            for (Thread c : callers) {
                c.join(60_000);
            }
            assertTrue(other.isEmpty(), "round " + round + ": only 'closed' failures: " + other);
            completed += done.get();
            refused += closedErrors.get();
        }
        System.out.printf("close under load: 20 closes, %d passes completed, %d calls refused as closed%n",
                completed, refused);
        assertTrue(refused > 0, "some calls met a closing model (else the test did not race anything)");
        assertTrue(completed > 0, "passes ran before the closes");
    }
}
