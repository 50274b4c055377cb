package io.faceflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `faceflow bench ...` as the launcher runs it: the app's command line with {@link BenchCommand} added. */
class BenchCommandTest {
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void everyBenchSubcommandHasHelpBesideTheAppsOwn() {
        for (String sub : new String[] {"embed", "index", "face-shape", "ingest", "pipeline", "kafka", "soak", "unknowns"}) {
            Run r = run("bench", sub, "--help");
            assertEquals(0, r.exitCode(), "bench " + sub + ": " + r.err());
            assertTrue(r.out().contains("Usage: faceflow bench " + sub), r.out());
        }
        Run top = run("--help");
        assertTrue(top.out().contains("bench") && top.out().contains("train"), top.out());
    }
}
