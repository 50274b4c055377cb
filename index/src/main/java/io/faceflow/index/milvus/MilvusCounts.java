package io.faceflow.index.milvus;

import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import java.util.List;

/** count(*) with the configured consistency (collection stats lag behind deletes, so they are not used). */
final class MilvusCounts {
    private MilvusCounts() {}

    static long count(MilvusConnection conn, String collection) {
        QueryResp resp = conn.read("counting rows of " + collection, collection, c -> c.query(QueryReq.builder()
                .collectionName(collection).filter("").outputFields(List.of("count(*)"))
                .consistencyLevel(conn.consistency()).build()));
        Object n = resp.getQueryResults().get(0).getEntity().get("count(*)");
        return ((Number) n).longValue();
    }
}
