package io.faceflow.index.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.index.IndexException;
import io.faceflow.index.IndexUri;
import io.faceflow.testkit.MilvusServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Milvus-only behaviour: the live alias by name, dimension checks on reopen, unreachable servers. */
class MilvusCatalogTest {

    @Test
    void liveAliasNamesTheLiveCollection() {
        try (MilvusCatalog catalog = MilvusTestServer.freshCatalog()) {
            catalog.open("m1", 8);
            catalog.open("m2", 8);
            assertEquals(Optional.empty(), catalog.liveModelVersion());
            catalog.switchLive("m1");
            assertEquals(Optional.of(catalog.galleryCollection("m1")), catalog.aliasTarget(catalog.liveAlias()));
            catalog.switchLive("m2");
            assertEquals(Optional.of("m2"), catalog.liveModelVersion());
            assertEquals(Optional.of("m1"), catalog.previousModelVersion());
            catalog.dropEverything();
        }
    }

    @Test
    void reopeningWithAnotherDimensionIsRefused() {
        try (MilvusCatalog catalog = MilvusTestServer.freshCatalog()) {
            catalog.open("m1", 8);
            String prefix = catalog.galleryCollection("m1").replace("gallery_" + io.faceflow.index.CollectionNames.slug("m1"), "");
            MilvusServer s = MilvusTestServer.get();
            try (MilvusCatalog again = new MilvusCatalog(MilvusConnection.fromEnvironment(
                    (IndexUri.Milvus) IndexUri.parse(s.uri()), MilvusOptions.defaults().withCollectionPrefix(prefix)))) {
                IndexException e = assertThrows(IndexException.class, () -> again.open("m1", 16));
                assertTrue(e.getMessage().contains("8-dimensional") && e.getMessage().contains("16"), e.getMessage());
                assertEquals(8, again.openExisting("m1").orElseThrow().dimension());
            }
            catalog.dropEverything();
        }
    }

    @Test
    void unreachableServerGivesAnActionableError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MilvusOptions quick = new MilvusOptions("x_", MilvusOptions.Consistency.STRONG, MilvusOptions.IndexKind.HNSW,
                16, 64, 64, 128, 8, 100, 5, 2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5));
        IndexException e = assertThrows(IndexException.class, () -> {
            try (MilvusCatalog c = new MilvusCatalog(MilvusConnection.fromEnvironment(
                    new IndexUri.Milvus("127.0.0.1", port), quick))) {
                c.modelVersions();
            }
        });
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
}
