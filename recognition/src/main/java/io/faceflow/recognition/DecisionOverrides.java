package io.faceflow.recognition;

import java.util.Map;

/**
 * Decision thresholds that differ from the model's calibrated one: per camera (a poorly lit
 * entrance may need a stricter bar) and per identity (a watchlist entry that must never be
 * missed, or one that is often confused). An identity's override wins over its camera's. Part of
 * the threshold resolution of {@link Identifier}, so a face is decided once, with them.
 */
public record DecisionOverrides(Map<String, Double> perCamera, Map<String, Double> perIdentity) {
    public static final DecisionOverrides NONE = new DecisionOverrides(Map.of(), Map.of());

    public DecisionOverrides {
        perCamera = Map.copyOf(perCamera);
        perIdentity = Map.copyOf(perIdentity);
        perCamera.forEach((k, v) -> check("camera " + k, v));
        perIdentity.forEach((k, v) -> check("identity " + k, v));
    }

    private static void check(String what, double v) {
        if (!(v >= -1 && v <= 1)) {
            throw new IllegalArgumentException("threshold for " + what + " must be a cosine similarity in [-1, 1], got " + v);
        }
    }

    /**
     * The threshold the best candidate {@code identityId} must reach on {@code cameraId} (null when
     * the image comes from no camera).
     */
    public double thresholdFor(String cameraId, String identityId, double modelDefault) {
        Double t = identityId == null ? null : perIdentity.get(identityId);
        if (t == null && cameraId != null) {
            t = perCamera.get(cameraId);
        }
        return t == null ? modelDefault : t;
    }
}
