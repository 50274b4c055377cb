package io.faceflow.bench;

import io.faceflow.app.Main;

/**
 * The launcher's entry point (./faceflow): the faceflow command with {@code bench} added. This
 * module depends on app, so app cannot name the bench commands; the images run
 * {@link Main} and carry no benchmarks.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        Main.runAndExit(args, new BenchCommand());
    }
}
