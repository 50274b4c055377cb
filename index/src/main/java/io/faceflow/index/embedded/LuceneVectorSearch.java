package io.faceflow.index.embedded;

import io.faceflow.index.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Nearest vectors by cosine: an exact scan for small collections (exact, and no slower than the
 * graph there) and Lucene's HNSW graph above the threshold.
 */
final class LuceneVectorSearch {
    private LuceneVectorSearch() {}

    /**
     * The indexed form of a vector: normalised, compared by dot product. For unit vectors that
     * is the cosine, and Lucene's COSINE would recompute both norms at every comparison, which
     * made graph building and search about three times slower for nothing.
     */
    static KnnFloatVectorField field(String name, float[] vector) {
        return new KnnFloatVectorField(name, Vectors.normalise(vector), VectorSimilarityFunction.DOT_PRODUCT);
    }

    static List<VectorCandidate> search(IndexSearcher searcher, String field, float[] query, int k, Query filter,
                                        EmbeddedOptions options) throws IOException {
        if (searcher.getIndexReader().numDocs() <= options.exactScanThreshold()) {
            return exact(searcher, field, query, k, filter);
        }
        int fetch = Math.max(k, options.efSearch());
        TopDocs top = searcher.search(new KnnFloatVectorQuery(field, Vectors.normalise(query), fetch, filter), fetch);
        List<VectorCandidate> out = new ArrayList<>(Math.min(k, top.scoreDocs.length));
        for (ScoreDoc sd : top.scoreDocs) {
            // Lucene maps the dot product d of unit vectors to the score (1 + d) / 2.
            out.add(new VectorCandidate(sd.doc, 2f * sd.score - 1f));
            if (out.size() == k) {
                break;
            }
        }
        return out;
    }

    static List<VectorCandidate> exact(IndexSearcher searcher, String field, float[] query, int k, Query filter)
            throws IOException {
        float[] unit = Vectors.normalise(query);
        PriorityQueue<VectorCandidate> heap = new PriorityQueue<>(Comparator.comparingDouble(VectorCandidate::cosine));
        Weight filterWeight = filter == null ? null
                : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            if (values == null) {
                continue;
            }
            DocIdSetIterator allowed = null;
            if (filterWeight != null) {
                Scorer scorer = filterWeight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                allowed = scorer.iterator();
            }
            Bits live = leaf.reader().getLiveDocs();
            KnnVectorValues.DocIndexIterator docs = values.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                if (allowed != null) {
                    if (allowed.docID() < doc) {
                        allowed.advance(doc);
                    }
                    if (allowed.docID() != doc) {
                        continue;
                    }
                }
                float cos = VectorUtil.dotProduct(unit, values.vectorValue(docs.index()));
                if (heap.size() < k) {
                    heap.add(new VectorCandidate(leaf.docBase + doc, cos));
                } else if (cos > heap.peek().cosine()) {
                    heap.poll();
                    heap.add(new VectorCandidate(leaf.docBase + doc, cos));
                }
            }
        }
        List<VectorCandidate> out = new ArrayList<>(heap);
        out.sort(Comparator.comparingDouble(VectorCandidate::cosine).reversed());
        return out;
    }
}
