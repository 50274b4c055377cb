package io.faceflow.training.loss;

/** Where the margin is applied to the target class. */
public enum MarginType {
    /** Additive angular margin: target logit = s * cos(acos(cos_y) + m). ArcFace, ElasticFace-Arc. */
    ARC,
    /** Additive cosine margin: target logit = s * (cos_y - m). CosFace, ElasticFace-Cos. */
    COS
}
