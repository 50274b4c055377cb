package io.faceflow.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds template-level candidates into identity-level hits: an identity's score is its best
 * template's score. Both backends search templates and use this, so their results agree.
 */
public final class BestPerIdentity {
    private final int topK;
    private final Map<String, SearchHit> best = new LinkedHashMap<>();

    public BestPerIdentity(int topK) {
        this.topK = topK;
    }

    public void offer(SearchHit candidate) {
        best.merge(candidate.identityId(), candidate, (a, b) -> b.score() > a.score() ? b : a);
    }

    public List<SearchHit> result() {
        List<SearchHit> hits = new ArrayList<>(best.values());
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::identityId));
        return List.copyOf(hits.subList(0, Math.min(topK, hits.size())));
    }
}
