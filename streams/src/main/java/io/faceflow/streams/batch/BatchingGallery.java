package io.faceflow.streams.batch;

import io.faceflow.index.FaceIndex;
import io.faceflow.index.Identity;
import io.faceflow.index.IdentitySummary;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A gallery whose searches from many stream threads go to the index together: one request of
 * many queries instead of many requests of one, which is what a Milvus round trip rewards. Requests
 * with a filter or another candidate count go through alone. Everything else is the gallery's own.
 */
public final class BatchingGallery implements FaceIndex {
    private final FaceIndex gallery;
    private final int topK;
    private final MicroBatcher<float[], List<SearchHit>> batcher;

    public BatchingGallery(FaceIndex gallery, int topK, BatchPolicy policy, IntConsumer batchSizes) {
        this.gallery = gallery;
        this.topK = topK;
        this.batcher = new MicroBatcher<>("faceflow-search-" + gallery.modelVersion(),
                queries -> gallery.search(new SearchRequest(gallery.modelVersion(), queries, topK)), policy, batchSizes);
    }

    @Override
    public List<List<SearchHit>> search(SearchRequest request) {
        if (request.topK() != topK || !request.filter().isEmpty()) {
            return gallery.search(request);
        }
        FaceIndex.checkRequest(gallery, request);
        return batcher.submit(request.queries());
    }

    @Override
    public String modelVersion() {
        return gallery.modelVersion();
    }

    @Override
    public int dimension() {
        return gallery.dimension();
    }

    @Override
    public void upsert(List<Identity> identities) {
        gallery.upsert(identities);
    }

    @Override
    public boolean delete(String identityId) {
        return gallery.delete(identityId);
    }

    @Override
    public Set<String> enrolled(Collection<String> identityIds) {
        return gallery.enrolled(identityIds);
    }

    @Override
    public long templateCount() {
        return gallery.templateCount();
    }

    @Override
    public List<IdentitySummary> listIdentities() {
        return gallery.listIdentities();
    }

    @Override
    public FaceIndex withSearchBeam(int candidates) {
        return gallery.withSearchBeam(candidates);
    }

    /** Stops the batcher only: the gallery belongs to the catalog, which closes it. */
    @Override
    public void close() {
        batcher.close();
    }
}
