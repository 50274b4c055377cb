package io.faceflow.index.milvus;

import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.faceflow.index.IndexException;
import io.faceflow.index.IndexUri;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import java.util.function.Consumer;
import java.util.function.Function;

/** One client to one Milvus server, with retries and readable errors around every call. */
public final class MilvusConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MilvusConnection.class);
    private final String server;
    private final MilvusClientV2 client;
    private final Retry retry;
    private final MilvusOptions options;

    public MilvusConnection(IndexUri.Milvus uri, String token, MilvusOptions options) {
        this.server = "milvus://" + uri.host() + ":" + uri.port();
        this.options = options;
        this.retry = new Retry(options.maxAttempts(), options.initialBackoff(), options.maxBackoff());
        ConnectConfig.ConnectConfigBuilder config = ConnectConfig.builder()
                .uri(uri.endpoint())
                .connectTimeoutMs(Math.min(10_000, options.rpcDeadline().toMillis()))
                .rpcDeadlineMs(options.rpcDeadline().toMillis());
        if (token != null && !token.isBlank()) {
            config.token(token);
        }
        try {
            this.client = retry.call(() -> new MilvusClientV2(config.build()));
        } catch (RuntimeException e) {
            if (MilvusErrors.isAuthFailure(e)) {
                throw MilvusErrors.translate("connecting", server, e);
            }
            throw new IndexException("cannot connect to " + server + ": " + e.getMessage() + " (is Milvus running"
                    + " there? for a local test server run scripts/milvus.sh lite DIR " + uri.port()
                    + "; if it needs a login set " + MilvusToken.ENV + " or " + MilvusToken.FILE_ENV + ")", e);
        }
    }

    /** Connects with the token from the environment ({@link MilvusToken}), if one is set. */
    public static MilvusConnection fromEnvironment(IndexUri.Milvus uri, MilvusOptions options) {
        return new MilvusConnection(uri, MilvusToken.resolve(System.getenv()).orElse(null), options);
    }

    <T> T call(String what, Function<MilvusClientV2, T> work) {
        try {
            return retry.call(() -> work.apply(client));
        } catch (RuntimeException e) {
            throw MilvusErrors.translate(what, server, e);
        }
    }

    /**
     * A read (search, query) of {@code collection}, which Milvus serves only while the collection is
     * loaded. A server that restarted may come back with it released (Milvus Lite always does), and
     * the SDK then reports an unreadable error; so on a failure the load state is asked, and a
     * released collection is loaded again and the read retried once.
     */
    <T> T read(String what, String collection, Function<MilvusClientV2, T> work) {
        try {
            return call(what, work);
        } catch (IndexException e) {
            boolean loaded;
            try {
                loaded = call("load state of " + collection, c -> c.getLoadState(
                        GetLoadStateReq.builder().collectionName(collection).build()));
            } catch (IndexException unknown) {
                throw e;
            }
            if (loaded) {
                throw e;
            }
            LOG.warn("{} on {}: the collection {} was released (a server restart?); loading it again", what, server,
                    collection);
            run("loading " + collection, c -> c.loadCollection(LoadCollectionReq.builder().collectionName(collection)
                    .build()));
            return call(what, work);
        }
    }

    void run(String what, Consumer<MilvusClientV2> work) {
        call(what, c -> {
            work.accept(c);
            return null;
        });
    }

    MilvusOptions options() {
        return options;
    }

    ConsistencyLevel consistency() {
        return ConsistencyLevel.valueOf(options.consistency().name());
    }

    public String server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
    }
}
