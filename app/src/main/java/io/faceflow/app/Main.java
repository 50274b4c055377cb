package io.faceflow.app;

import io.faceflow.app.cli.FaceflowCommand;
import io.faceflow.app.cli.OneLineErrors;
import picocli.CommandLine;

/** Entry point of the {@code faceflow} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (tests call this directly). */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new FaceflowCommand());
        OneLineErrors errors = new OneLineErrors();
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        return cli;
    }
}
