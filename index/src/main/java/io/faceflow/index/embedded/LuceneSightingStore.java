package io.faceflow.index.embedded;

import io.faceflow.index.IndexException;
import io.faceflow.index.sightings.Sighting;
import io.faceflow.index.sightings.SightingHit;
import io.faceflow.index.sightings.SightingQuery;
import io.faceflow.index.sightings.SightingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Sightings on local disk: one document per face seen, time range as a point filter on the vector search. */
public final class LuceneSightingStore implements SightingStore {
    static final String KIND = "sightings";
    private static final String ID = "sighting_id";
    private static final String CAMERA = "camera_id";
    private static final String IDENTITY = "identity_id";
    private static final String TIME = "capture_time";
    private static final String TIME_STORED = "capture_time_stored";
    private static final String VECTOR = "vector";

    private final CollectionMeta meta;
    private final EmbeddedOptions options;
    private final LuceneCollection collection;

    private LuceneSightingStore(CollectionMeta meta, LuceneCollection collection, EmbeddedOptions options) {
        this.meta = meta;
        this.collection = collection;
        this.options = options;
    }

    public static LuceneSightingStore open(Path dir, String modelVersion, int dimension, EmbeddedOptions options) {
        CollectionMeta meta = CollectionMeta.openOrCreate(dir, KIND, modelVersion, dimension);
        return new LuceneSightingStore(meta, new LuceneCollection(dir, options, 1), options);
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
    public synchronized void record(List<Sighting> sightings) {
        SightingStore.checkWrite(this, sightings);
        try {
            for (Sighting s : sightings) {
                Document doc = new Document();
                doc.add(new StringField(ID, s.sightingId(), Field.Store.YES));
                doc.add(new StringField(CAMERA, s.cameraId(), Field.Store.YES));
                if (s.identityId() != null) {
                    doc.add(new StringField(IDENTITY, s.identityId(), Field.Store.YES));
                }
                doc.add(new LongPoint(TIME, s.captureTimeMs()));
                doc.add(new StoredField(TIME_STORED, s.captureTimeMs()));
                doc.add(LuceneVectorSearch.field(VECTOR, s.embedding()));
                collection.writer().updateDocument(new Term(ID, s.sightingId()), doc);
            }
            collection.commit();
        } catch (IOException | IllegalArgumentException e) {
            throw new IndexException("recording " + sightings.size() + " sightings in " + collection.path()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SightingHit> search(SightingQuery query) {
        SightingStore.checkQuery(this, query);
        return collection.withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            List<SightingHit> hits = new ArrayList<>();
            Query filter = LongPoint.newRangeQuery(TIME, query.fromMs(), query.toMs());
            if (query.cameraId() != null) {
                filter = new BooleanQuery.Builder().add(filter, BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(CAMERA, query.cameraId())), BooleanClause.Occur.FILTER).build();
            }
            for (VectorCandidate c : LuceneVectorSearch.search(searcher, VECTOR, query.embedding(), query.topK(),
                    filter, options)) {
                Document doc = stored.document(c.doc());
                hits.add(new SightingHit(doc.get(ID), doc.get(CAMERA),
                        doc.getField(TIME_STORED).numericValue().longValue(), c.cosine(), doc.get(IDENTITY)));
            }
            return hits;
        });
    }

    @Override
    public long count() {
        return collection.documentCount();
    }

    @Override
    public long deleteBefore(long captureTimeMs) {
        return delete(LongPoint.newRangeQuery(TIME, Long.MIN_VALUE, captureTimeMs - 1), "older than " + captureTimeMs);
    }

    @Override
    public long deleteIdentity(String identityId) {
        return delete(new TermQuery(new Term(IDENTITY, identityId)), "of identity '" + identityId + "'");
    }

    private synchronized long delete(Query which, String what) {
        try {
            return collection.deleteAndCommit(which);
        } catch (IOException e) {
            throw new IndexException("deleting sightings " + what + " in " + collection.path() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        collection.close();
    }
}
