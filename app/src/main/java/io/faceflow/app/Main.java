package io.faceflow.app;

import io.faceflow.app.cli.OneLineErrors;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of the {@code faceflow} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        runAndExit(args);
    }

    /**
     * Runs one command line, with {@code extraSubcommands} beside the app's own, and exits with its
     * code: the bench module's entry point adds {@code bench} this way.
     */
    public static void runAndExit(String[] args, Object... extraSubcommands) {
        routeJavaUtilLogging();
        System.exit(newCommandLine(extraSubcommands).execute(args));
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

    public static CommandLine newCommandLine(Object... extraSubcommands) {
        CommandLine cli = new CommandLine(new FaceflowCommand());
        for (Object command : extraSubcommands) {
            cli.addSubcommand(command);
        }
        OneLineErrors errors = new OneLineErrors();
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        return cli;
    }
}
