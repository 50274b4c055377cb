package io.faceflow.training.loss;

import java.util.Objects;

/**
 * Settings of one margin head.
 *
 * @param name display name written into metrics and model manifests
 * @param type where the margin applies (angle or cosine)
 * @param scale the logit scale s
 * @param margin the mean margin m
 * @param std standard deviation of the per-sample margin; 0 gives the fixed-margin ArcFace/CosFace
 * @param plus whether drawn margins are re-assigned by target cosine (the "+" variants)
 * @param assignment how "+" re-assigns; ignored when {@code plus} is false
 */
public record MarginHeadConfig(
        String name, MarginType type, double scale, double margin, double std, boolean plus,
        PlusAssignment assignment) {

    public static final double DEFAULT_SCALE = 64.0;

    public MarginHeadConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(assignment, "assignment");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be finite, got " + margin);
        }
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("std must be >= 0 and finite, got " + std);
        }
        if (plus && std == 0) {
            throw new IllegalArgumentException(
                    name + ": a \"+\" head re-orders drawn margins, so it needs std > 0");
        }
    }

    /** ElasticFace-Arc: m=0.50, std=0.05 (the published config). */
    public static MarginHeadConfig elasticArc() {
        return new MarginHeadConfig("ElasticFace-Arc", MarginType.ARC, DEFAULT_SCALE, 0.50, 0.05, false,
                PlusAssignment.PAPER);
    }

    /** ElasticFace-Arc+: m=0.50, std=0.0175, margins assigned as the paper states. */
    public static MarginHeadConfig elasticArcPlus() {
        return new MarginHeadConfig("ElasticFace-Arc+", MarginType.ARC, DEFAULT_SCALE, 0.50, 0.0175, true,
                PlusAssignment.PAPER);
    }

    /** ElasticFace-Cos: m=0.35, std=0.05. */
    public static MarginHeadConfig elasticCos() {
        return new MarginHeadConfig("ElasticFace-Cos", MarginType.COS, DEFAULT_SCALE, 0.35, 0.05, false,
                PlusAssignment.PAPER);
    }

    /** ElasticFace-Cos+: m=0.35, std=0.02, margins assigned as the paper states. */
    public static MarginHeadConfig elasticCosPlus() {
        return new MarginHeadConfig("ElasticFace-Cos+", MarginType.COS, DEFAULT_SCALE, 0.35, 0.02, true,
                PlusAssignment.PAPER);
    }

    /** ArcFace: fixed angular margin 0.5. */
    public static MarginHeadConfig arcFace() {
        return new MarginHeadConfig("ArcFace", MarginType.ARC, DEFAULT_SCALE, 0.50, 0.0, false,
                PlusAssignment.PAPER);
    }

    /** CosFace: fixed cosine margin 0.35. */
    public static MarginHeadConfig cosFace() {
        return new MarginHeadConfig("CosFace", MarginType.COS, DEFAULT_SCALE, 0.35, 0.0, false,
                PlusAssignment.PAPER);
    }

    /** Looks a head up by a user-facing name: elastic-arc, elastic-arc-plus, elastic-cos, elastic-cos-plus, arcface, cosface. */
    public static MarginHeadConfig byName(String name) {
        String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace("+", "-plus");
        return switch (key) {
            case "elastic-arc", "elasticface-arc" -> elasticArc();
            case "elastic-arc-plus", "elasticface-arc-plus" -> elasticArcPlus();
            case "elastic-cos", "elasticface-cos" -> elasticCos();
            case "elastic-cos-plus", "elasticface-cos-plus" -> elasticCosPlus();
            case "arcface", "arc" -> arcFace();
            case "cosface", "cos" -> cosFace();
            default -> throw new IllegalArgumentException("unknown margin head '" + name
                    + "'; use one of elastic-arc, elastic-arc-plus, elastic-cos, elastic-cos-plus, arcface, cosface");
        };
    }

    /** Same head, other margin mean and spread. */
    public MarginHeadConfig withMargin(double newMargin, double newStd) {
        return new MarginHeadConfig(name, type, scale, newMargin, newStd, plus, assignment);
    }

    /** Same head, other "+" assignment (e.g. {@link PlusAssignment#REFERENCE_GATHER} to match the authors' code). */
    public MarginHeadConfig withAssignment(PlusAssignment newAssignment) {
        return new MarginHeadConfig(name, type, scale, margin, std, plus, newAssignment);
    }

    /** Same head, other scale. */
    public MarginHeadConfig withScale(double newScale) {
        return new MarginHeadConfig(name, type, newScale, margin, std, plus, assignment);
    }

    /** True when margins are random (ElasticFace), false for the fixed-margin heads. */
    public boolean elastic() {
        return std > 0;
    }
}
