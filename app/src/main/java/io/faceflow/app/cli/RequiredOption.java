package io.faceflow.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * An option of a shared mixin that some commands cannot work without: picocli cannot mark it
 * required per command, so the command asks, and a missing one ends it as picocli would (same
 * words, usage error).
 */
final class RequiredOption {
    private RequiredOption() {}

    static <T> T of(T value, CommandSpec spec, String option) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '" + option + "'");
        }
        return value;
    }
}
