package io.faceflow.index.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.Identity;
import io.faceflow.index.IndexException;
import io.faceflow.index.Template;
import io.faceflow.index.TestVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCatalogTest {
    @TempDir
    Path temp;

    @Test
    void collectionsAndLivePointerSurviveReopening() {
        String uri = "file:" + temp.resolve("idx");
        try (GalleryCatalog catalog = GalleryCatalogs.open(uri)) {
            catalog.open("v1", 16).upsert(new Identity("a", "A", Map.of(), List.of(new Template("t",
                    TestVectors.random(new Random(1), 16)))));
            catalog.open("v2", 24);
            catalog.switchLive("v1");
            catalog.switchLive("v2");
        }
        try (GalleryCatalog catalog = GalleryCatalogs.open(uri)) {
            assertEquals(Optional.of("v2"), catalog.liveModelVersion());
            assertEquals(Optional.of("v1"), catalog.previousModelVersion());
            assertEquals(List.of("v1", "v2"), catalog.modelVersions());
            assertEquals(1, catalog.openExisting("v1").orElseThrow().count());
            assertEquals(24, catalog.openExisting("v2").orElseThrow().dimension());
            IndexException e = assertThrows(IndexException.class, () -> catalog.open("v1", 32));
            assertTrue(e.getMessage().contains("16"), e.getMessage());
        }
    }

    @Test
    void aSecondProcessOrWriterIsToldTheFolderIsInUse() {
        Path dir = temp.resolve("g");
        try (LuceneFaceIndex first = LuceneFaceIndex.open(dir, "v", 8, EmbeddedOptions.defaults())) {
            assertEquals("v", first.modelVersion());
            IndexException e = assertThrows(IndexException.class,
                    () -> LuceneFaceIndex.open(dir, "v", 8, EmbeddedOptions.defaults()));
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
        }
    }
}
