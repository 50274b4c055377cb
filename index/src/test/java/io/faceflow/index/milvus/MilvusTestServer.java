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
        MilvusServer s = get();
        MilvusOptions options = MilvusOptions.defaults()
                .withCollectionPrefix("t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet() + "_");
        MilvusCatalog catalog = new MilvusCatalog(MilvusConnection.fromEnvironment(
                (IndexUri.Milvus) IndexUri.parse(s.uri()), options));
        return catalog;
    }
}
