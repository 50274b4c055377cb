package io.faceflow.index;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * 1:N face search over one collection, tied to one model version and dimension.
 *
 * <p>Vectors are L2-normalised embeddings compared by cosine similarity. Requests whose model
 * version differs from {@link #modelVersion()} are refused with {@link ModelVersionMismatchException},
 * because embeddings of different models live in unrelated spaces.
 */
public interface FaceIndex extends AutoCloseable {

    /** The model version whose embeddings this collection holds. */
    String modelVersion();

    /** Length of every vector in this collection. */
    int dimension();

    /** Adds or replaces identities (all their templates), durably, before returning. */
    void upsert(List<Identity> identities);

    default void upsert(Identity identity) {
        upsert(List.of(identity));
    }

    /** Removes an identity and every template of it; false when it was not there. */
    boolean delete(String identityId);

    /** Which of {@code identityIds} are held now (a forgotten person is not). */
    Set<String> enrolled(Collection<String> identityIds);

    /**
     * Searches each query; per query at most {@code topK} distinct identities, best first, each with
     * its best template.
     */
    List<List<SearchHit>> search(SearchRequest request);

    /** Number of templates (vectors) held. */
    long templateCount();

    /** Every identity held, sorted by id. */
    List<IdentitySummary> listIdentities();

    /**
     * A view of this collection whose searches gather {@code candidates} graph candidates per query
     * (HNSW ef; nprobe for Milvus IVF): more raises recall and latency. Shares the collection; close one of the two.
     */
    FaceIndex withSearchBeam(int candidates);

    /**
     * Readies the collection for search after a bulk load (a reindex, an import): Lucene merges its
     * segments into one graph, Milvus seals the rows and waits until its vector index covers them.
     * Searches are correct without it, only slower until the backend catches up.
     */
    default void finishBulkLoad() {}

    /** Number of identities held. */
    default long count() {
        return listIdentities().size();
    }

    @Override
    void close();

    /** Shared argument checks, so both backends refuse the same input with the same message. */
    static void checkRequest(FaceIndex index, SearchRequest request) {
        if (!index.modelVersion().equals(request.modelVersion())) {
            throw new ModelVersionMismatchException(index.modelVersion(), request.modelVersion());
        }
        for (int i = 0; i < request.queries().size(); i++) {
            if (request.queries().get(i).length != index.dimension()) {
                throw new DimensionMismatchException("query " + i, index.dimension(), request.queries().get(i).length);
            }
        }
    }

    static void checkIdentities(FaceIndex index, List<Identity> identities) {
        for (Identity identity : identities) {
            for (Template t : identity.templates()) {
                if (t.embedding().length != index.dimension()) {
                    throw new DimensionMismatchException("identity '" + identity.identityId() + "' template '"
                            + t.templateId() + "'", index.dimension(), t.embedding().length);
                }
            }
        }
    }
}
