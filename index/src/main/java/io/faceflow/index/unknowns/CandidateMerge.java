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
 * each averages, and the most diverse of both's shots ({@link DiverseShots}).
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
        Map<String, CandidateVisit> visits = new LinkedHashMap<>();
        for (CandidateVisit v : concat(into.visits(), from.visits())) {
            visits.putIfAbsent(v.eventId(), v);
        }
        List<CandidateVisit> byTime = new ArrayList<>(visits.values());
        byTime.sort(Comparator.comparingLong(CandidateVisit::firstSeenMs));
        int shotLimit = Math.max(into.shots().size(), from.shots().size());
        List<CandidateShot> shots = DiverseShots.pick(concat(into.shots(), from.shots()), shotLimit);
        return new Candidate(into.candidateId(), into.modelVersion(),
                weightedCentroid(into.centroid(), into.members(), from.centroid(), from.members()),
                into.members() + from.members(), byTime, shots, into.status());
    }

    /**
     * The normalised mean of two centroids, each weighted by how many embeddings it averages: a
     * track joining a candidate is the case of one embedding ({@code bMembers} 1).
     */
    public static float[] weightedCentroid(float[] a, int aMembers, float[] b, int bMembers) {
        float[] sum = new float[a.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = a[i] * aMembers + b[i] * bMembers;
        }
        return Vectors.normalise(sum);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
