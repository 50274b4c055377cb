package io.faceflow.index.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.IndexException;
import io.faceflow.index.IndexUri;
import io.faceflow.testkit.MilvusServer;
import org.junit.jupiter.api.Test;

/**
 * Authentication against the standalone Milvus engine, which runs with users enabled (Milvus Lite
 * has none, so the build runs this class only in its standalone-server pass).
 */
class MilvusAuthTest {
    private static IndexUri.Milvus uri() {
        MilvusServer server = MilvusTestServer.get();
        assertEquals(MilvusServer.Kind.STANDALONE, server.kind(), "this test needs MILVUS_SERVER=standalone");
        return (IndexUri.Milvus) IndexUri.parse(server.uri());
    }

    @Test
    void wrongPasswordIsRefusedWithWhatToDo() {
        MilvusOptions options = MilvusOptions.defaults().withCollectionPrefix("auth_");
        IndexException e = assertThrows(IndexException.class, () -> {
            try (MilvusCatalog catalog = new MilvusCatalog(new MilvusConnection(uri(), "root:wrong", options))) {
                catalog.liveModelVersion();
            }
        });
        assertTrue(e.getMessage().contains("MILVUS_TOKEN") && e.getMessage().contains("authentication"), e.getMessage());
    }

    @Test
    void missingTokenIsRefusedWithWhatToDo() {
        MilvusOptions options = MilvusOptions.defaults().withCollectionPrefix("auth_");
        IndexException e = assertThrows(IndexException.class, () -> {
            try (MilvusCatalog catalog = new MilvusCatalog(new MilvusConnection(uri(), null, options))) {
                catalog.liveModelVersion();
            }
        });
        assertTrue(e.getMessage().contains("MILVUS_TOKEN"), e.getMessage());
    }

    @Test
    void tokenFromASecretFileWorks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("milvus-token"),
                MilvusServer.STANDALONE_TOKEN + "\n");
        String token = MilvusToken.resolve(java.util.Map.of(MilvusToken.FILE_ENV, secret.toString())).orElseThrow();
        MilvusOptions options = MilvusOptions.defaults().withCollectionPrefix("auth_");
        try (MilvusCatalog catalog = new MilvusCatalog(new MilvusConnection(uri(), token, options))) {
            assertTrue(catalog.liveModelVersion().isEmpty());
        }
    }

    @Test
    void rightTokenWorks() {
        MilvusOptions options = MilvusOptions.defaults().withCollectionPrefix("auth_");
        try (MilvusCatalog catalog = new MilvusCatalog(new MilvusConnection(uri(), MilvusServer.STANDALONE_TOKEN,
                options))) {
            assertTrue(catalog.liveModelVersion().isEmpty());
        }
    }
}
