package io.faceflow.training.eval;

/** Verification and identification figures for one labelled set of images. */
public record SetEvaluation(String set, int images, VerificationReport verification, IdentificationResult identification) {}
