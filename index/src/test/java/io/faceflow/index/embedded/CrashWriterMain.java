package io.faceflow.index.embedded;

import io.faceflow.index.Identity;
import io.faceflow.index.Template;
import io.faceflow.index.TestVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Child process of {@link CrashSafetyTest}: enrols people forever, reporting each one after its commit. */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Random random = new Random(1);
        LuceneFaceIndex index = LuceneFaceIndex.open(dir, "crash-model", 64, EmbeddedOptions.defaults());
        for (int i = 0; ; i++) {
            String id = "p" + i;
            index.upsert(new Identity(id, "P" + i, Map.of(), List.of(new Template("a", TestVectors.random(random, 64)),
                    new Template("b", TestVectors.random(random, 64)))));
            System.out.println("committed " + id);
            System.out.flush();
        }
    }
}
