package io.faceflow.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr that says what went wrong, instead of a stack trace or a
 * page of usage. Set FACEFLOW_DEBUG=1 for the stack trace.
 */
public final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("faceflow: " + ex.getMessage() + " (see `faceflow " + qualifiedName(cmd) + " --help`)");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("faceflow " + qualifiedName(cmd) + ": " + describe(ex));
        if (System.getenv("FACEFLOW_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }

    private static String qualifiedName(CommandLine cmd) {
        String full = cmd.getCommandSpec().qualifiedName(" ");
        int space = full.indexOf(' ');
        return space < 0 ? "" : full.substring(space + 1);
    }
}
