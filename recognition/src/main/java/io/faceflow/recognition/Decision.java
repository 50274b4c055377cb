package io.faceflow.recognition;

import io.faceflow.index.SearchHit;
import java.util.List;

/**
 * Who a face is, or that it is nobody enrolled: the best candidate when its similarity reaches the
 * threshold, else unknown. A ranking alone is not an answer, since the best of strangers still ranks first.
 *
 * @param best the best candidate, whether or not it passed; null when the gallery returned none
 * @param threshold the cosine similarity the best candidate had to reach
 */
public record Decision(SearchHit best, double threshold) {
    public static Decision of(List<SearchHit> ranked, double threshold) {
        return new Decision(ranked.isEmpty() ? null : ranked.get(0), threshold);
    }

    /** True when the face was identified as {@link #best()}. */
    public boolean known() {
        return best != null && best.score() >= threshold;
    }

    /** The identity decided on; null when unknown. */
    public String identityId() {
        return known() ? best.identityId() : null;
    }

    /** The best candidate's similarity; NaN when there was none. */
    public double score() {
        return best == null ? Double.NaN : best.score();
    }

    /** "name (id)" or "unknown", for people reading a terminal. */
    public String label() {
        return known() ? best.displayName() + " (" + best.identityId() + ")" : "unknown";
    }
}
