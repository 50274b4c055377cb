package io.faceflow.index.milvus;

import io.faceflow.index.IndexUri;
import io.faceflow.testkit.MilvusServer;
import java.util.concurrent.atomic.AtomicInteger;

/** One Milvus (Lite) server for all Milvus tests of this JVM; each test gets its own collection prefix. */
final class MilvusTestServer {
    private static MilvusServer server;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private MilvusTestServer() {}

    static synchronized MilvusServer get() {
        if (server == null) {
            server = MilvusServer.startOrConnect();
            MilvusServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server;
    }

    /** A catalog on the shared server whose collections no other test touches. */
    static MilvusCatalog freshCatalog() {
        return catalog(freshPrefix());
    }

    /** A collection prefix no other test uses. */
    static String freshPrefix() {
        return "t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet() + "_";
    }

    /** A catalog on the shared server over the collections named with {@code prefix}. */
    static MilvusCatalog catalog(String prefix) {
        MilvusOptions options = MilvusOptions.defaults().withCollectionPrefix(prefix);
        return new MilvusCatalog(MilvusConnection.fromEnvironment((IndexUri.Milvus) IndexUri.parse(get().uri()), options));
    }
}
