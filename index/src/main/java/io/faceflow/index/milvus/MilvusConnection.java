package io.faceflow.index.milvus;

import io.faceflow.index.IndexException;
import io.faceflow.index.IndexUri;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import java.util.function.Consumer;
import java.util.function.Function;

/** One client to one Milvus server, with retries and readable errors around every call. */
public final class MilvusConnection implements AutoCloseable {
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
