package io.faceflow.index.embedded;

import io.faceflow.index.BestPerIdentity;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.Identity;
import io.faceflow.index.IdentitySummary;
import io.faceflow.index.IndexException;
import io.faceflow.index.Json;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.Template;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/** The gallery on local disk: one Lucene document per template, searched by HNSW or exact scan. */
public final class LuceneFaceIndex implements FaceIndex {
    static final String KIND = "gallery";
    private static final String IDENTITY = "identity_id";
    private static final String NAME = "display_name";
    private static final String TEMPLATE = "template_id";
    private static final String CREATED = "created_ms";
    private static final String METADATA = "metadata";
    private static final String VECTOR = "vector";
    private static final String META_PREFIX = "m_";

    private final CollectionMeta meta;
    private final EmbeddedOptions options;
    private final LuceneCollection collection;

    private LuceneFaceIndex(CollectionMeta meta, LuceneCollection collection, EmbeddedOptions options) {
        this.meta = meta;
        this.collection = collection;
        this.options = options;
    }

    /** Opens the collection in {@code dir}, creating it for this model version when the folder is new. */
    public static LuceneFaceIndex open(Path dir, String modelVersion, int dimension, EmbeddedOptions options) {
        CollectionMeta meta = CollectionMeta.openOrCreate(dir, KIND, modelVersion, dimension);
        return new LuceneFaceIndex(meta, new LuceneCollection(dir, options), options);
    }

    /** Opens an existing collection, taking model version and dimension from its collection.json. */
    public static LuceneFaceIndex openExisting(Path dir, EmbeddedOptions options) {
        CollectionMeta meta = CollectionMeta.read(dir);
        return new LuceneFaceIndex(meta, new LuceneCollection(dir, options), options);
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
    public synchronized void upsert(List<Identity> identities) {
        FaceIndex.checkIdentities(this, identities);
        long now = System.currentTimeMillis();
        try {
            // Only the last record of an identity counts, as when they are applied in order; without
            // repeats the identities can be added on several threads.
            Map<String, Identity> latest = new LinkedHashMap<>();
            identities.forEach(identity -> latest.put(identity.identityId(), identity));
            collection.addAll(List.copyOf(latest.values()), identity -> {
                List<Document> docs = new ArrayList<>(identity.templates().size());
                for (Template t : identity.templates()) {
                    docs.add(document(identity, t, now));
                }
                // Delete-then-add of the identity's templates as one atomic block.
                collection.writer().updateDocuments(new Term(IDENTITY, identity.identityId()), docs);
            });
            collection.commit();
        } catch (IOException | IllegalArgumentException e) {
            throw new IndexException("upsert of " + identities.size() + " identities into " + collection.path()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private Document document(Identity identity, Template t, long now) {
        Document doc = new Document();
        doc.add(new StringField(IDENTITY, identity.identityId(), Field.Store.YES));
        // Column copy of the id: a search folds its candidates by identity without loading stored fields.
        doc.add(new SortedDocValuesField(IDENTITY, new BytesRef(identity.identityId())));
        doc.add(new StoredField(NAME, identity.displayName()));
        doc.add(new StoredField(TEMPLATE, t.templateId()));
        doc.add(new StoredField(CREATED, now));
        doc.add(new StoredField(METADATA, Json.write(new TreeMap<>(identity.metadata()))));
        identity.metadata().forEach((k, v) -> doc.add(new StringField(META_PREFIX + k, v, Field.Store.NO)));
        doc.add(LuceneVectorSearch.field(VECTOR, t.embedding()));
        return doc;
    }

    @Override
    public synchronized boolean delete(String identityId) {
        Term term = new Term(IDENTITY, identityId);
        boolean present = collection.withSearcher(s -> s.count(new TermQuery(term)) > 0);
        try {
            collection.writer().deleteDocuments(term);
            collection.commit();
        } catch (IOException e) {
            throw new IndexException("delete of identity '" + identityId + "' from " + collection.path()
                    + " failed: " + e.getMessage(), e);
        }
        return present;
    }

    @Override
    public Set<String> enrolled(Collection<String> identityIds) {
        return collection.withSearcher(s -> {
            Set<String> held = new HashSet<>();
            for (String id : identityIds) {
                if (s.count(new TermQuery(new Term(IDENTITY, id))) > 0) {
                    held.add(id);
                }
            }
            return held;
        });
    }

    @Override
    public List<List<SearchHit>> search(SearchRequest request) {
        FaceIndex.checkRequest(this, request);
        Query filter = filter(request.filter());
        int fetch = request.topK() * options.overfetch();
        return collection.withSearcher(searcher -> {
            StoredFields stored = searcher.storedFields();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<List<SearchHit>> results = new ArrayList<>(request.queries().size());
            for (float[] query : request.queries()) {
                BestPerIdentity best = new BestPerIdentity(request.topK());
                Map<String, Integer> bestDoc = new HashMap<>();
                for (VectorCandidate c : LuceneVectorSearch.search(searcher, VECTOR, query, fetch, filter, options)) {
                    String id = identityOf(leaves, c.doc());
                    best.offer(new SearchHit(id, "", "", c.cosine(), Map.of()));
                    bestDoc.putIfAbsent(id, c.doc()); // candidates arrive best first
                }
                List<SearchHit> hits = new ArrayList<>(request.topK());
                for (SearchHit h : best.result()) {
                    Document doc = stored.document(bestDoc.get(h.identityId()));
                    hits.add(new SearchHit(h.identityId(), doc.get(NAME), doc.get(TEMPLATE), h.score(),
                            Json.readStringMap(doc.get(METADATA))));
                }
                results.add(List.copyOf(hits));
            }
            return results;
        });
    }

    private static String identityOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues ids = DocValues.getSorted(leaf.reader(), IDENTITY);
        if (!ids.advanceExact(doc - leaf.docBase)) {
            throw new IOException("document " + doc + " has no identity id; the index was written by an older"
                    + " faceflow: rebuild it from the crop store (gallery reindex with a new model version)");
        }
        return ids.lookupOrd(ids.ordValue()).utf8ToString();
    }

    private static Query filter(Map<String, String> filter) {
        if (filter.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        filter.forEach((k, v) -> q.add(new TermQuery(new Term(META_PREFIX + k, v)), BooleanClause.Occur.FILTER));
        return q.build();
    }

    @Override
    public long templateCount() {
        return collection.documentCount();
    }

    @Override
    public List<IdentitySummary> listIdentities() {
        return collection.withSearcher(searcher -> {
            Map<String, IdentitySummary> byId = new TreeMap<>();
            StoredFields stored = searcher.storedFields();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    Document doc = stored.document(leaf.docBase + d);
                    byId.merge(doc.get(IDENTITY),
                            new IdentitySummary(doc.get(IDENTITY), doc.get(NAME), Json.readStringMap(doc.get(METADATA)), 1),
                            (a, b) -> new IdentitySummary(a.identityId(), a.displayName(), a.metadata(),
                                    a.templateCount() + 1));
                }
            }
            return List.copyOf(byId.values());
        });
    }

    /**
     * Merges the segments of many commits down to one per core: a query then walks that many
     * graphs, in parallel. Lucene keeps the largest segment's graph and inserts the others' vectors.
     */
    @Override
    public synchronized void finishBulkLoad() {
        try {
            collection.writer().forceMerge(collection.searchParallelism(), true);
            collection.commit();
        } catch (IOException e) {
            throw new IndexException("merging " + collection.path() + " after a bulk load failed: " + e.getMessage()
                    + "; searches still work on the unmerged segments, and the next bulk load retries", e);
        }
    }

    @Override
    public LuceneFaceIndex withSearchBeam(int candidates) {
        return new LuceneFaceIndex(meta, collection, options.withEfSearch(candidates));
    }

    @Override
    public void close() {
        collection.close();
    }

    @Override
    public String toString() {
        return "embedded gallery " + collection.path() + " (model " + modelVersion() + ", dim " + dimension() + ")";
    }
}
