package io.faceflow.index.milvus;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.google.gson.JsonObject;
import io.faceflow.index.IndexException;
import io.faceflow.index.Json;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateHit;
import io.faceflow.index.unknowns.CandidateStore;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unknown-person candidates of one model version in two Milvus collections.
 *
 * <p>{@code candidates_<version>}: one row per candidate, the centroid as the vector under an
 * exact (FLAT) index, and the scalars that retention and listing use. {@code candidate_parts_<version>}:
 * the whole candidate as JSON, cut into rows of at most {@value #CHUNK} characters, because a
 * VARCHAR holds at most 65,535 bytes and a candidate's shots alone (up to 8 JPEGs of 3-6 KB, base64,
 * each with its embedding as text) pass that, and its visits grow without bound.
 *
 * <p>A save writes the parts under a new generation first, then points the candidate row at that
 * generation, then deletes the older parts by primary key (a filter on the candidate id would scan
 * the parts, 160 ms a save on Milvus Lite): a crash in between leaves the previous candidate
 * readable, never a half-written one. Parts a crash left unreferenced go when the candidate is
 * deleted (retention, forget, naming), which removes every part of its id.
 */
public final class MilvusCandidateStore implements CandidateStore {
    /** Characters per part row; the JSON is ASCII only, so characters are bytes, below VARCHAR's limit. */
    static final int CHUNK = 60_000;
    /** Part rows per upsert: at most about 6 MB per call, well below gRPC's 64 MB. */
    private static final int PART_BATCH = 100;
    /** Candidates whose parts are read in one query: about 3 parts each keeps a reply near 6 MB. */
    private static final int READ_BATCH = 32;
    private static final int QUERY_LIMIT = 16_384;
    /** Ids per delete, keeping the filter expression short. */
    private static final int DELETE_BATCH = 1000;
    /** What a candidate row tells a reader: which parts hold the candidate. */
    private static final List<String> HEAD = List.of(MilvusSchemas.CANDIDATE, MilvusSchemas.GENERATION,
            MilvusSchemas.PARTS);
    /** Escaping non-ASCII keeps the character count equal to the byte count Milvus limits. */
    private static final ObjectWriter WRITER = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private final MilvusConnection conn;
    private final String collection;
    private final String parts;
    private final String modelVersion;
    private final int dimension;

    MilvusCandidateStore(MilvusConnection conn, String collection, String parts, String modelVersion, int dimension) {
        this.conn = conn;
        this.collection = collection;
        this.parts = parts;
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
    public synchronized void save(List<Candidate> candidates) {
        CandidateStore.checkWrite(this, candidates);
        if (candidates.isEmpty()) {
            return;
        }
        List<String> ids = candidates.stream().map(Candidate::candidateId).toList();
        // The parts the candidates have now, deleted by primary key once the rows point at the new ones.
        List<String> stale = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += READ_BATCH) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + READ_BATCH));
            QueryResp now = conn.read("looking up " + some.size() + " candidates in " + collection, collection,
                    c -> c.query(QueryReq.builder().collectionName(collection)
                            .filter(MilvusSchemas.CANDIDATE + " in " + MilvusRows.inList(some)).outputFields(HEAD)
                            .limit(some.size()).consistencyLevel(conn.consistency()).build()));
            now.getQueryResults().forEach(r -> stale.addAll(partIds(r.getEntity())));
        }
        List<JsonObject> rows = new ArrayList<>();
        List<JsonObject> partRows = new ArrayList<>();
        Set<String> partIds = new HashSet<>();
        for (Candidate c : candidates) {
            long generation = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
            List<String> chunks = chunks(c);
            for (int seq = 0; seq < chunks.size(); seq++) {
                String partId = partId(c.candidateId(), generation, seq);
                JsonObject part = new JsonObject();
                part.addProperty(MilvusSchemas.PART, partId);
                part.addProperty(MilvusSchemas.CANDIDATE, c.candidateId());
                part.addProperty(MilvusSchemas.GENERATION, generation);
                part.addProperty(MilvusSchemas.SEQ, seq);
                part.addProperty(MilvusSchemas.PAYLOAD, chunks.get(seq));
                // Milvus needs a vector in every row; parts are never searched, the centroid fills it.
                part.add(MilvusSchemas.VECTOR, MilvusRows.vector(c.centroid()));
                partRows.add(part);
                partIds.add(partId);
            }
            JsonObject row = new JsonObject();
            row.addProperty(MilvusSchemas.CANDIDATE, c.candidateId());
            row.addProperty(MilvusSchemas.MODEL, c.modelVersion());
            row.addProperty(MilvusSchemas.GENERATION, generation);
            row.addProperty(MilvusSchemas.PARTS, chunks.size());
            row.addProperty(MilvusSchemas.VISITS, c.visits().size());
            row.addProperty(MilvusSchemas.LAST_SEEN, c.lastSeenMs());
            row.addProperty(MilvusSchemas.STATUS, c.status().name());
            row.add(MilvusSchemas.VECTOR, MilvusRows.vector(c.centroid()));
            rows.add(row);
        }
        for (int from = 0; from < partRows.size(); from += PART_BATCH) {
            List<JsonObject> batch = List.copyOf(partRows.subList(from, Math.min(partRows.size(), from + PART_BATCH)));
            conn.run("writing " + batch.size() + " candidate parts into " + parts,
                    c -> c.upsert(UpsertReq.builder().collectionName(parts).data(batch).build()));
        }
        int batch = conn.options().insertBatch();
        for (int from = 0; from < rows.size(); from += batch) {
            List<JsonObject> slice = List.copyOf(rows.subList(from, Math.min(rows.size(), from + batch)));
            conn.run("saving " + slice.size() + " candidates into " + collection,
                    c -> c.upsert(UpsertReq.builder().collectionName(collection).data(slice).build()));
        }
        stale.removeAll(partIds);
        for (int from = 0; from < stale.size(); from += DELETE_BATCH) {
            String replaced = MilvusSchemas.PART + " in " + MilvusRows.inList(stale.subList(from,
                    Math.min(stale.size(), from + DELETE_BATCH)));
            conn.run("removing replaced candidate parts from " + parts,
                    c -> c.delete(DeleteReq.builder().collectionName(parts).filter(replaced).build()));
        }
    }

    private static List<String> chunks(Candidate c) {
        String json;
        try {
            json = WRITER.writeValueAsString(c);
        } catch (IOException e) {
            throw new IndexException("could not write candidate '" + c.candidateId() + "' as JSON: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        for (int from = 0; from < json.length(); from += CHUNK) {
            out.add(json.substring(from, Math.min(json.length(), from + CHUNK)));
        }
        return out;
    }

    @Override
    public Optional<Candidate> get(String candidateId) {
        QueryResp resp = conn.read("looking up candidate '" + candidateId + "' in " + collection, collection,
                c -> c.query(QueryReq.builder().collectionName(collection)
                        .filter(MilvusSchemas.CANDIDATE + " == " + MilvusRows.quote(candidateId)).outputFields(HEAD)
                        .limit(1).consistencyLevel(conn.consistency()).build()));
        return read(resp.getQueryResults().stream().map(QueryResp.QueryResult::getEntity).toList()).stream().findFirst();
    }

    @Override
    public List<CandidateHit> nearest(float[] embedding, int k) {
        CandidateStore.checkQuery(this, embedding);
        int limit = Math.min(k, QUERY_LIMIT);
        SearchResp resp = conn.read("candidate search in " + collection, collection, c -> c.search(SearchReq.builder()
                .collectionName(collection).annsField(MilvusSchemas.VECTOR).data(List.of(new FloatVec(embedding)))
                .limit(limit).outputFields(HEAD)
                .consistencyLevel(conn.consistency()).build()));
        Map<String, Float> scores = new LinkedHashMap<>();
        List<Map<String, Object>> heads = new ArrayList<>();
        for (SearchResp.SearchResult r : resp.getSearchResults().get(0)) {
            Map<String, Object> head = new HashMap<>(r.getEntity());
            head.put(MilvusSchemas.CANDIDATE, String.valueOf(r.getId()));
            heads.add(head);
            scores.put(String.valueOf(r.getId()), r.getScore());
        }
        Map<String, Candidate> byId = new HashMap<>();
        read(heads).forEach(c -> byId.put(c.candidateId(), c));
        List<CandidateHit> hits = new ArrayList<>();
        scores.forEach((id, score) -> {
            Candidate c = byId.get(id);
            if (c != null) { // deleted between the search and the read
                hits.add(new CandidateHit(c, score));
            }
        });
        return hits;
    }

    @Override
    public List<Candidate> list() {
        List<Candidate> all = read(rows(MilvusSchemas.CANDIDATE + " != \"\""));
        all.sort(CandidateStore.LIST_ORDER);
        return all;
    }

    /** Candidate rows (id, generation, part count) matching a filter, every page. */
    private List<Map<String, Object>> rows(String filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        QueryIterator it = conn.read("listing candidates of " + collection, collection, c -> c.queryIterator(
                QueryIteratorReq.builder().collectionName(collection).expr(filter)
                        .outputFields(HEAD).batchSize(1000).consistencyLevel(conn.consistency()).build()));
        try {
            for (List<QueryResultsWrapper.RowRecord> page = it.next(); !page.isEmpty(); page = it.next()) {
                page.forEach(row -> out.add(row.getFieldValues()));
            }
        } finally {
            it.close();
        }
        return out;
    }

    /**
     * The candidates the rows point at, from their parts of the row's generation, looked up by
     * primary key (the part ids follow from the row), which Milvus finds without a scan.
     */
    private List<Candidate> read(List<Map<String, Object>> heads) {
        List<Candidate> out = new ArrayList<>();
        for (int from = 0; from < heads.size(); from += READ_BATCH) {
            List<Map<String, Object>> batch = heads.subList(from, Math.min(heads.size(), from + READ_BATCH));
            List<String> partIds = new ArrayList<>();
            batch.forEach(h -> partIds.addAll(partIds(h)));
            QueryResp resp = conn.read("reading " + batch.size() + " candidates from " + parts, parts, c -> c.query(
                    QueryReq.builder().collectionName(parts)
                            .filter(MilvusSchemas.PART + " in " + MilvusRows.inList(partIds))
                            .outputFields(List.of(MilvusSchemas.PART, MilvusSchemas.PAYLOAD))
                            .limit(partIds.size()).consistencyLevel(conn.consistency()).build()));
            Map<String, String> payloads = new HashMap<>();
            for (QueryResp.QueryResult r : resp.getQueryResults()) {
                payloads.put((String) r.getEntity().get(MilvusSchemas.PART), (String) r.getEntity().get(MilvusSchemas.PAYLOAD));
            }
            for (Map<String, Object> head : batch) {
                out.add(assemble(head, payloads));
            }
        }
        return out;
    }

    private static List<String> partIds(Map<String, Object> head) {
        String id = (String) head.get(MilvusSchemas.CANDIDATE);
        long generation = ((Number) head.get(MilvusSchemas.GENERATION)).longValue();
        long count = ((Number) head.get(MilvusSchemas.PARTS)).longValue();
        List<String> ids = new ArrayList<>();
        for (long seq = 0; seq < count; seq++) {
            ids.add(partId(id, generation, seq));
        }
        return ids;
    }

    private static String partId(String candidateId, long generation, long seq) {
        return candidateId + "/" + generation + "/" + seq;
    }

    private Candidate assemble(Map<String, Object> head, Map<String, String> payloads) {
        String id = (String) head.get(MilvusSchemas.CANDIDATE);
        StringBuilder json = new StringBuilder();
        for (String partId : partIds(head)) {
            String chunk = payloads.get(partId);
            if (chunk == null) {
                throw new IndexException("candidate '" + id + "' in " + collection + " misses its part " + partId
                        + " in " + parts + ": the collection was changed outside faceflow; delete the candidate"
                        + " (it forms again from new sightings)");
            }
            json.append(chunk);
        }
        try {
            return Json.MAPPER.readValue(json.toString(), Candidate.class);
        } catch (IOException e) {
            throw new IndexException("candidate '" + id + "' in " + parts + " is not readable: " + e.getMessage()
                    + "; delete the candidate (it forms again from new sightings)", e);
        }
    }

    @Override
    public synchronized boolean delete(String candidateId) {
        return deleteWhere(MilvusSchemas.CANDIDATE + " == " + MilvusRows.quote(candidateId)) > 0;
    }

    @Override
    public synchronized long deleteLastSeenBefore(long timeMs) {
        return deleteWhere(MilvusSchemas.LAST_SEEN + " < " + timeMs);
    }

    /**
     * Deletes the candidates matching a filter and their parts. The ids are looked up first: a
     * Milvus delete reports how many keys it was given, not how many rows it removed.
     */
    private long deleteWhere(String filter) {
        List<String> ids = rows(filter).stream().map(h -> (String) h.get(MilvusSchemas.CANDIDATE)).toList();
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            String in = MilvusSchemas.CANDIDATE + " in " + MilvusRows.inList(ids.subList(from,
                    Math.min(ids.size(), from + DELETE_BATCH)));
            conn.run("deleting candidates from " + collection,
                    c -> c.delete(DeleteReq.builder().collectionName(collection).filter(in).build()));
            conn.run("deleting candidate parts from " + parts,
                    c -> c.delete(DeleteReq.builder().collectionName(parts).filter(in).build()));
        }
        return ids.size();
    }

    @Override
    public long count() {
        return MilvusCounts.count(conn, collection);
    }

    /** The catalog owns the connection. */
    @Override
    public void close() {}
}
