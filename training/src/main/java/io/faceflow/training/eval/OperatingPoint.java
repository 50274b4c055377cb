package io.faceflow.training.eval;

/**
 * A point where a system is run: the target false rate, the threshold that meets it, and the
 * true rate and false rate actually reached there (the achieved rate can be below the target
 * when scores tie or there are few impostors).
 *
 * @param targetFalseRate FAR (verification) or FPIR (open-set identification) asked for
 * @param threshold the threshold chosen
 * @param trueRate TAR or TPIR at that threshold
 * @param achievedFalseRate the false rate measured at that threshold
 */
public record OperatingPoint(double targetFalseRate, double threshold, double trueRate, double achievedFalseRate) {}
