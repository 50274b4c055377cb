package io.faceflow.index.milvus;

import com.google.gson.JsonObject;
import io.faceflow.index.sightings.Sighting;
import io.faceflow.index.sightings.SightingHit;
import io.faceflow.index.sightings.SightingQuery;
import io.faceflow.index.sightings.SightingStore;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.DeleteResp;
import io.milvus.v2.service.vector.response.SearchResp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every face seen, in one Milvus collection per model version; time range as a scalar filter. */
public final class MilvusSightingStore implements SightingStore {
    private final MilvusConnection conn;
    private final String collection;
    private final String modelVersion;
    private final int dimension;

    MilvusSightingStore(MilvusConnection conn, String collection, String modelVersion, int dimension) {
        this.conn = conn;
        this.collection = collection;
        this.modelVersion = modelVersion;
        this.dimension = dimension;
    }

    @Override
    public String modelVersion() {
        return modelVersion;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void record(List<Sighting> sightings) {
        SightingStore.checkWrite(this, sightings);
        int batch = conn.options().insertBatch();
        for (int from = 0; from < sightings.size(); from += batch) {
            List<JsonObject> rows = new ArrayList<>();
            for (Sighting s : sightings.subList(from, Math.min(sightings.size(), from + batch))) {
                JsonObject row = new JsonObject();
                row.addProperty(MilvusSchemas.SIGHTING, s.sightingId());
                row.addProperty(MilvusSchemas.CAMERA, s.cameraId());
                row.addProperty(MilvusSchemas.IDENTITY, s.identityId() == null ? "" : s.identityId());
                row.addProperty(MilvusSchemas.TIME, s.captureTimeMs());
                row.addProperty(MilvusSchemas.MODEL, s.modelVersion());
                row.add(MilvusSchemas.VECTOR, MilvusRows.vector(s.embedding()));
                rows.add(row);
            }
            conn.run("recording " + rows.size() + " sightings in " + collection,
                    c -> c.upsert(UpsertReq.builder().collectionName(collection).data(rows).build()));
        }
    }

    @Override
    public List<SightingHit> search(SightingQuery query) {
        SightingStore.checkQuery(this, query);
        String filter = MilvusSchemas.MODEL + " == " + MilvusRows.quote(modelVersion) + " and " + MilvusSchemas.TIME
                + " >= " + query.fromMs() + " and " + MilvusSchemas.TIME + " <= " + query.toMs()
                + (query.cameraId() == null ? "" : " and " + MilvusSchemas.CAMERA + " == "
                        + MilvusRows.quote(query.cameraId()));
        SearchResp resp = conn.read("sighting search in " + collection, collection, c -> c.search(SearchReq.builder()
                .collectionName(collection).annsField(MilvusSchemas.VECTOR).data(List.of(new FloatVec(query.embedding())))
                .limit(query.topK()).filter(filter)
                .outputFields(List.of(MilvusSchemas.CAMERA, MilvusSchemas.TIME, MilvusSchemas.IDENTITY))
                .searchParams(MilvusSchemas.searchParams(conn.options().indexKind(),
                        MilvusSchemas.defaultSearchBeam(conn.options()), query.topK()))
                .consistencyLevel(conn.consistency()).build()));
        List<SightingHit> hits = new ArrayList<>();
        for (SearchResp.SearchResult r : resp.getSearchResults().get(0)) {
            Map<String, Object> e = r.getEntity();
            String identity = (String) e.get(MilvusSchemas.IDENTITY);
            hits.add(new SightingHit(String.valueOf(r.getId()), (String) e.get(MilvusSchemas.CAMERA),
                    ((Number) e.get(MilvusSchemas.TIME)).longValue(), r.getScore(),
                    identity == null || identity.isEmpty() ? null : identity));
        }
        return hits;
    }

    @Override
    public long count() {
        return MilvusCounts.count(conn, collection);
    }

    @Override
    public long deleteBefore(long captureTimeMs) {
        return delete(MilvusSchemas.TIME + " < " + captureTimeMs, "older than " + captureTimeMs);
    }

    @Override
    public long deleteIdentity(String identityId) {
        return delete(MilvusSchemas.IDENTITY + " == " + MilvusRows.quote(identityId), "of '" + identityId + "'");
    }

    private long delete(String filter, String what) {
        DeleteResp resp = conn.call("deleting sightings " + what + " from " + collection, c -> c.delete(
                DeleteReq.builder().collectionName(collection).filter(filter).build()));
        return resp.getDeleteCnt();
    }

    @Override
    public void close() {}
}
