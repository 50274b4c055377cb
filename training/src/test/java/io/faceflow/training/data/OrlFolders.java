package io.faceflow.training.data;

import io.faceflow.testkit.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test datasets made of real ORL identities, copied into a temporary folder (the photos are never
 * committed; copies, not links, keep JUnit's temp-dir clean-up quiet).
 */
public final class OrlFolders {
    private OrlFolders() {}

    /** {@code into/s<first>..s<last>}: copies of the ORL folders of those subjects. */
    public static Path link(Path into, int first, int last) throws IOException {
        Path orl = TestResources.testData().resolve("orl_faces");
        TestResources.require(Files.isDirectory(orl.resolve("s" + first)), "ORL faces under " + orl);
        Files.createDirectories(into);
        for (int s = first; s <= last; s++) {
            Path target = Files.createDirectories(into.resolve("s" + s));
            for (int k = 1; k <= 10; k++) {
                Files.copy(orl.resolve("s" + s + "/" + k + ".pgm"), target.resolve(k + ".pgm"));
            }
        }
        return into;
    }
}
