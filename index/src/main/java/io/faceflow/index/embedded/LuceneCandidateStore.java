package io.faceflow.index.embedded;

import io.faceflow.index.IndexException;
import io.faceflow.index.Json;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateHit;
import io.faceflow.index.unknowns.CandidateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Unknown-person candidates on local disk: one Lucene document per candidate, the centroid as a
 * vector field (searched by exact scan: candidates are few and clustering needs the true nearest),
 * the whole candidate, shots included, as one stored JSON body. A save is one Lucene commit, so a
 * crash leaves either the old or the new candidate, never half of one.
 */
public final class LuceneCandidateStore implements CandidateStore {
    static final String KIND = "candidates";
    private static final String ID = "candidate_id";
    private static final String LAST_SEEN = "last_seen";
    private static final String CENTROID = "centroid";
    private static final String BODY = "body";
    private static final Set<String> BODY_ONLY = Set.of(BODY);

    private final CollectionMeta meta;
    private final LuceneCollection collection;

    private LuceneCandidateStore(CollectionMeta meta, LuceneCollection collection) {
        this.meta = meta;
        this.collection = collection;
    }

    public static LuceneCandidateStore open(Path dir, String modelVersion, int dimension, EmbeddedOptions options) {
        CollectionMeta meta = CollectionMeta.openOrCreate(dir, KIND, modelVersion, dimension);
        return new LuceneCandidateStore(meta, new LuceneCollection(dir, options, 1));
    }

    @Override
    public String modelVersion() {
        return meta.modelVersion();
    }

    @Override
    public int dimension() {
        return meta.dimension();
    }

    @Override
    public synchronized void save(List<Candidate> candidates) {
        CandidateStore.checkWrite(this, candidates);
        try {
            for (Candidate c : candidates) {
                Document doc = new Document();
                doc.add(new StringField(ID, c.candidateId(), Field.Store.NO));
                doc.add(new LongPoint(LAST_SEEN, c.lastSeenMs()));
                doc.add(LuceneVectorSearch.field(CENTROID, c.centroid()));
                doc.add(new StoredField(BODY, new BytesRef(Json.MAPPER.writeValueAsBytes(c))));
                collection.writer().updateDocument(new Term(ID, c.candidateId()), doc);
            }
            collection.commit();
        } catch (IOException | IllegalArgumentException e) {
            throw new IndexException("saving " + candidates.size() + " candidates in " + collection.path()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Candidate> get(String candidateId) {
        return collection.withSearcher(searcher -> {
            ScoreDoc[] found = searcher.search(new TermQuery(new Term(ID, candidateId)), 1).scoreDocs;
            return found.length == 0 ? Optional.empty() : Optional.of(read(searcher.storedFields(), found[0].doc));
        });
    }

    @Override
    public List<CandidateHit> nearest(float[] embedding, int k) {
        CandidateStore.checkQuery(this, embedding);
        return collection.withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            List<CandidateHit> hits = new ArrayList<>();
            for (VectorCandidate v : LuceneVectorSearch.exact(searcher, CENTROID, embedding, k, null)) {
                hits.add(new CandidateHit(read(stored, v.doc()), v.cosine()));
            }
            return hits;
        });
    }

    @Override
    public List<Candidate> list() {
        List<Candidate> all = collection.withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            List<Candidate> out = new ArrayList<>();
            int n = Math.max(1, searcher.getIndexReader().numDocs());
            for (ScoreDoc sd : searcher.search(new MatchAllDocsQuery(), n).scoreDocs) {
                out.add(read(stored, sd.doc));
            }
            return out;
        });
        all.sort(CandidateStore.LIST_ORDER);
        return all;
    }

    private Candidate read(StoredFields stored, int doc) throws IOException {
        BytesRef body = stored.document(doc, BODY_ONLY).getBinaryValue(BODY);
        return Json.MAPPER.readValue(body.bytes, body.offset, body.length, Candidate.class);
    }

    @Override
    public boolean delete(String candidateId) {
        return delete(new TermQuery(new Term(ID, candidateId)), "'" + candidateId + "'") > 0;
    }

    @Override
    public long deleteLastSeenBefore(long timeMs) {
        return delete(LongPoint.newRangeQuery(LAST_SEEN, Long.MIN_VALUE, timeMs - 1), "last seen before " + timeMs);
    }

    private synchronized long delete(Query which, String what) {
        try {
            return collection.deleteAndCommit(which);
        } catch (IOException e) {
            throw new IndexException("deleting candidates " + what + " in " + collection.path() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long count() {
        return collection.documentCount();
    }

    @Override
    public void close() {
        collection.close();
    }
}
