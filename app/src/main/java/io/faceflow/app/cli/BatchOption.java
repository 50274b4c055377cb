package io.faceflow.app.cli;

import picocli.CommandLine.Option;

/** How many faces a model embeds per forward pass, declared once for every command that embeds faces. */
public final class BatchOption {
    /** Faces per forward pass when none is given. */
    public static final int DEFAULT = 32;

    @Option(names = "--batch", paramLabel = "N", description = "Faces per forward pass, across threads where several"
            + " share the model (default: " + DEFAULT + ").")
    Integer size;

    /** The batch size asked for; {@link #DEFAULT} when none was. */
    public int size() {
        return size == null ? DEFAULT : size;
    }

    /** The batch size given on the command line; null when none was (a settings file decides then). */
    public Integer given() {
        return size;
    }
}
