package io.faceflow.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.ModelFiles;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.image.BgrImage;
import io.faceflow.core.image.IdentityFolders;
import io.faceflow.core.image.ImageEncoder;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceFoldersTest {
    @TempDir
    Path dir;

    @Test
    void scanListsIdentitiesInNameOrderAndRejectsBadLayouts() throws Exception {
        Path root = dir.resolve("set");
        Files.createDirectories(root.resolve("bob"));
        Files.createDirectories(root.resolve("alice"));
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("bob/1.png"), new byte[] {1});
        Files.write(root.resolve("bob/notes.txt"), new byte[] {1});
        Files.write(root.resolve("alice/a.JPG"), new byte[] {1});
        Files.write(root.resolve("alice/.hidden.png"), new byte[] {1});
        IdentityFolders f = IdentityFolders.scan(root, 2);
        assertEquals(java.util.List.of("alice", "bob"), f.identities());
        assertEquals(2, f.size());
        assertEquals(0, f.labels()[0]);

        Exception missing = assertThrows(IllegalArgumentException.class, () -> IdentityFolders.scan(dir.resolve("nope"), 2));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Files.delete(root.resolve("alice/a.JPG"));
        Exception one = assertThrows(IllegalArgumentException.class, () -> IdentityFolders.scan(root, 2));
        assertTrue(one.getMessage().contains("1 identity folder"), one.getMessage());
    }

    @Test
    void alignedModeResizesAndTheCacheIsReused() throws Exception {
        Path root = OrlFolders.link(dir.resolve("orl"), 1, 2);
        AtomicInteger detectorsMade = new AtomicInteger();
        Path cacheDir = dir.resolve("cache");
        AlignedFaceCache cache = new AlignedFaceCache(cacheDir, CropMode.ALIGNED, () -> {
            detectorsMade.incrementAndGet();
            throw new AssertionError("aligned mode must not detect");
        });
        FolderFaceSet set = FolderFaceSet.load(IdentityFolders.scan(root, 2), cache, null);
        assertEquals(20, set.size());
        assertEquals(112, set.face(0).width());
        assertEquals(112, set.face(0).height());
        assertEquals(20, Files.list(cacheDir).filter(p -> p.toString().endsWith(".png")).count());
        // Second pass reads the cached crops: identical pixels.
        FolderFaceSet again = FolderFaceSet.load(IdentityFolders.scan(root, 2), cache, null);
        assertTrue(java.util.Arrays.equals(set.face(7).pixels(), again.face(7).pixels()));
        assertEquals(0, detectorsMade.get());
    }

    @Test
    void detectModeAlignsOrlAndReportsImagesWithoutAFaceOrUnreadable() throws Exception {
        Path root = OrlFolders.link(dir.resolve("orl"), 3, 3);
        Path extra = Files.createDirectories(root.resolve("zz_bad"));
        Files.write(extra.resolve("blank.png"), ImageEncoder.png(new BgrImage(120, 120, new byte[120 * 120 * 3])));
        Files.write(extra.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Path yunet = ModelFiles.yunet(TestResources.models());
        TestResources.require(Files.isRegularFile(yunet), "YuNet model " + yunet);
        AlignedFaceCache cache = new AlignedFaceCache(dir.resolve("cache"), CropMode.DETECT,
                () -> new YuNetDetector(DetectorConfig.forModels(TestResources.models())));
        FolderFaceSet set = FolderFaceSet.load(IdentityFolders.scan(root, 2), cache, null);
        assertEquals(10, set.size(), "YuNet finds one face in each ORL image");
        PreparationReport r = set.report();
        assertEquals(12, r.files());
        assertEquals(2, r.rejected().size());
        assertEquals(java.util.List.of("zz_bad"), r.droppedIdentities());
        assertEquals(java.util.List.of("s3"), set.identities());
        String summary = r.summary();
        assertTrue(summary.contains("1 no face found") && summary.contains("1 unreadable"), summary);
        // Rejections are cached too: the reason comes back without a detector.
        AlignedFaceCache noDetector = new AlignedFaceCache(dir.resolve("cache"), CropMode.DETECT, () -> {
            throw new AssertionError("cached");
        });
        assertFalse(noDetector.prepare(extra.resolve("blank.png")).ok());
        assertTrue(noDetector.prepare(root.resolve("s3/1.pgm")).ok());
    }

    @Test
    void cropModeNames() {
        assertEquals(CropMode.DETECT_OR_RESIZE, CropMode.parse("detect-or-resize"));
        assertThrows(IllegalArgumentException.class, () -> CropMode.parse("crop"));
    }
}
