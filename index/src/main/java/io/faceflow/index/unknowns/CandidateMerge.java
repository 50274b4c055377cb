package io.faceflow.index.unknowns;

import io.faceflow.index.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two candidates an operator says are one person, made one: every visit of both (an event counted
 * by both counts once), the centroid as the mean of both weighted by how many track embeddings
 * each averages, and the most diverse of both's shots.
 */
public final class CandidateMerge {
    private CandidateMerge() {}

    /**
     * {@code from} merged into {@code into}: the result keeps {@code into}'s id and status. It keeps
     * as many shots as the fuller of the two holds, so it never exceeds the limit they were kept under.
     */
    public static Candidate merge(Candidate into, Candidate from) {
        if (into.candidateId().equals(from.candidateId())) {
            throw new IllegalArgumentException("candidate '" + into.candidateId() + "' cannot be merged into itself");
        }
        if (!into.modelVersion().equals(from.modelVersion()) || into.centroid().length != from.centroid().length) {
            throw new IllegalArgumentException("candidates '" + into.candidateId() + "' (" + into.modelVersion()
                    + ") and '" + from.candidateId() + "' (" + from.modelVersion() + ") are of different models");
        }
        float[] centroid = new float[into.centroid().length];
        for (int i = 0; i < centroid.length; i++) {
            centroid[i] = into.centroid()[i] * into.members() + from.centroid()[i] * from.members();
        }
        Map<String, CandidateVisit> visits = new LinkedHashMap<>();
        for (CandidateVisit v : concat(into.visits(), from.visits())) {
            visits.putIfAbsent(v.eventId(), v);
        }
        List<CandidateVisit> byTime = new ArrayList<>(visits.values());
        byTime.sort(Comparator.comparingLong(CandidateVisit::firstSeenMs));
        int shotLimit = Math.max(into.shots().size(), from.shots().size());
        return new Candidate(into.candidateId(), into.modelVersion(), Vectors.normalise(centroid),
                into.members() + from.members(), byTime, mostDiverse(concat(into.shots(), from.shots()), shotLimit),
                into.status());
    }

    /**
     * At most {@code limit} shots that differ most from one another: the best-quality shot first,
     * then each time the one least similar to those already kept (farthest-point order), so five
     * shots of a person show five views rather than five copies of one frame.
     */
    public static List<CandidateShot> mostDiverse(List<CandidateShot> shots, int limit) {
        List<CandidateShot> left = new ArrayList<>(shots);
        left.sort(Comparator.comparingDouble(CandidateShot::quality).reversed());
        List<CandidateShot> kept = new ArrayList<>();
        while (kept.size() < limit && !left.isEmpty()) {
            CandidateShot next = left.get(0);
            if (!kept.isEmpty()) {
                float farthest = Float.MAX_VALUE;
                for (CandidateShot s : left) {
                    float nearest = -Float.MAX_VALUE;
                    for (CandidateShot k : kept) {
                        nearest = Math.max(nearest, Vectors.cosine(s.embedding(), k.embedding()));
                    }
                    if (nearest < farthest) {
                        farthest = nearest;
                        next = s;
                    }
                }
            }
            kept.add(next);
            left.remove(next);
        }
        return kept;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
