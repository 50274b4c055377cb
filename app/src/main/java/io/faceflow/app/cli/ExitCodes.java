package io.faceflow.app.cli;

/** Exit codes shared by every subcommand (also listed in the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The job could not run: bad file, unreachable server, and the like. */
    public static final int FAILED = 1;
    /** The command line itself is wrong. */
    public static final int USAGE = 2;
    /** The job ran, but some inputs were rejected (each is reported). */
    public static final int PARTIAL = 3;
    /** A fine-tuned model was made but refused: it verifies people from other data sets worse than its parent. */
    public static final int REFUSED = 4;
    /**
     * A stop (Ctrl-C, SIGTERM) did not finish within its bound, or had to leave a native resource in
     * use unfreed; the process exits without running the shutdown hooks that would free it.
     */
    public static final int STOP_OVERRUN = 124;

    private ExitCodes() {}
}
