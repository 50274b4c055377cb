package io.faceflow.app;

import io.faceflow.app.cli.OneLineErrors;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of the {@code faceflow} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        routeJavaUtilLogging();
        System.exit(run(args));
    }

    /**
     * Libraries that log through java.util.logging (Lucene announces its vector API on every
     * start) would otherwise print to the terminal in JUL's own format: send them to the
     * application's logging, where levels and format are the faceflow ones.
     */
    static void routeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
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
