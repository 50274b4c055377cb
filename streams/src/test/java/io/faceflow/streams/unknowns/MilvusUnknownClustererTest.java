package io.faceflow.streams.unknowns;

import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.IndexUri;
import io.faceflow.index.milvus.MilvusCatalog;
import io.faceflow.index.milvus.MilvusConnection;
import io.faceflow.index.milvus.MilvusOptions;
import io.faceflow.testkit.MilvusServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same clustering into candidates on a real Milvus (Lite) server, each test under its own collection prefix. */
class MilvusUnknownClustererTest extends UnknownClustererTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static MilvusServer milvus;

    @BeforeAll
    static void startMilvus() {
        milvus = MilvusServer.startOrConnect();
    }

    @AfterAll
    static void stopMilvus() {
        milvus.close();
    }

    @Override
    GalleryCatalog createCatalog(Path temp) {
        String prefix = "u" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet() + "_";
        return new MilvusCatalog(MilvusConnection.fromEnvironment((IndexUri.Milvus) IndexUri.parse(milvus.uri()),
                MilvusOptions.defaults().withCollectionPrefix(prefix)));
    }
}
