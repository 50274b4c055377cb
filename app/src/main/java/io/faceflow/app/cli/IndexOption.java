package io.faceflow.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the gallery's index lives, declared once for every command that opens it. */
public final class IndexOption {
    @Option(names = "--index", paramLabel = "URI", description = "file:PATH (embedded index on local disk) or"
            + " milvus://HOST:PORT (token from $MILVUS_TOKEN or $MILVUS_TOKEN_FILE).")
    String uri;

    /** The index given on the command line; null when none was (a settings file decides then). */
    public String given() {
        return uri;
    }

    /** The index of a command that cannot work without one. */
    public String required(CommandSpec spec) {
        return RequiredOption.of(uri, spec, "--index=URI");
    }
}
